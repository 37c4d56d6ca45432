package social.herd.itests.favicon;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import social.herd.spi.favicon.FaviconProperties;
import social.herd.spi.favicon.BundledFavicons;
import social.herd.spi.favicon.FaviconSet;

/** An orange disc, ranked above the default set, so installing it changes the site's icon. */
@Component(service = FaviconSet.class)
@FaviconProperties(service_ranking = 10, herd_favicon_name = "sunrise")
public final class SunriseFavicons extends BundledFavicons {

    public SunriseFavicons() {
        super("favicon", List.of(new Icon(ICO, "image/x-icon", "32x32"), new Icon(SVG, "image/svg+xml", "any"),
                new Icon("favicon-32.png", "image/png", "32x32")));
    }
}
