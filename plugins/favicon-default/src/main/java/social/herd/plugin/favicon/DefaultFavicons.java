package social.herd.plugin.favicon;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import social.herd.spi.favicon.FaviconProperties;
import social.herd.spi.favicon.BundledFavicons;
import social.herd.spi.favicon.FaviconSet;

/**
 * Herd's own icons, served from this bundle's {@code favicon/} folder (drawn by
 * {@code tools/GenerateIcons.java}). Ranked low, so any other favicon plugin wins when the admin
 * has not chosen one.
 */
@Component(service = FaviconSet.class)
@FaviconProperties(service_ranking = -100, herd_favicon_name = "default")
public final class DefaultFavicons extends BundledFavicons {

    static final List<Icon> ICONS = List.of(
            new Icon(ICO, "image/x-icon", "16x16 32x32"),
            new Icon(SVG, "image/svg+xml", "any"),
            new Icon("favicon-16.png", "image/png", "16x16"),
            new Icon("favicon-32.png", "image/png", "32x32"),
            new Icon(APPLE_TOUCH, "image/png", "180x180"),
            new Icon("icon-192.png", "image/png", "192x192"),
            new Icon("icon-512.png", "image/png", "512x512"));

    public DefaultFavicons() {
        super("favicon", ICONS);
    }
}
