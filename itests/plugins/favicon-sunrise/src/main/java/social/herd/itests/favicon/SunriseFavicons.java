package social.herd.itests.favicon;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import social.herd.spi.favicon.FaviconProperties;
import social.herd.spi.favicon.FaviconSet;

/** An orange disc, ranked above the default set, so installing it changes the site's icon. */
@Component
@FaviconProperties(service_ranking = 10, herd_favicon_name = "sunrise")
public final class SunriseFavicons implements FaviconSet {

    static final List<Icon> ICONS = List.of(new Icon(ICO, "image/x-icon", "32x32"), new Icon(SVG, "image/svg+xml", "any"),
            new Icon("favicon-32.png", "image/png", "32x32"));

    @Override
    public List<Icon> icons() {
        return ICONS;
    }

    @Override
    public Optional<InputStream> open(String file) {
        if (ICONS.stream().noneMatch(i -> i.file().equals(file))) return Optional.empty();
        return Optional.ofNullable(SunriseFavicons.class.getResourceAsStream("/favicon/" + file));
    }
}
