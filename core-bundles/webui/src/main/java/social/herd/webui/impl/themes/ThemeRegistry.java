package social.herd.webui.impl.themes;

import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.spi.theme.Themes;

/**
 * The installed themes: every resolved bundle whose manifest names a {@link Themes#HEADER}. A
 * theme jar dropped into {@code deploy/} or uploaded as a plugin is selectable as soon as it
 * resolves; one that is removed disappears at once and whoever used it gets the default.
 */
@Component(service = ThemeRegistry.class, immediate = true)
public final class ThemeRegistry {

    /** The name of the theme everyone falls back to. */
    public static final String DEFAULT = "default";

    private static final Logger LOG = LoggerFactory.getLogger(ThemeRegistry.class);

    /**
     * One installed theme.
     *
     * @param bundle its bundle, or null for the built-in stand-in used when no default theme bundle
     *               is installed (the base stylesheet alone)
     */
    public record Theme(String name, String title, Bundle bundle) {

        /** A resource of the theme under {@code theme/}, or null. */
        public URL entry(String path) {
            return bundle == null ? null : bundle.getEntry(Themes.ROOT + path);
        }

        /** Changes whenever the theme's jar is replaced, so its URLs can be cached for long. */
        public String version() {
            return bundle == null ? "0" : bundle.getBundleId() + "-" + bundle.getLastModified();
        }
    }

    private static final Theme BUILT_IN = new Theme(DEFAULT, "Default", null);

    private final Map<String, Theme> themes = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final BundleTracker<Theme> tracker;

    @Activate
    public ThemeRegistry(BundleContext context) {
        this.tracker = new BundleTracker<>(context, Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE, new Customizer());
        tracker.open();
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    /** The theme of that name, else the default, else the built-in stand-in; never null. */
    public Theme resolve(String name) {
        Theme t = name == null ? null : themes.get(name);
        if (t != null) return t;
        Theme d = themes.get(DEFAULT);
        return d != null ? d : BUILT_IN;
    }

    /** Whether a theme of that name is installed now. */
    public boolean installed(String name) {
        return name != null && themes.containsKey(name);
    }

    /** The installed themes, default first, then by title. */
    public List<Theme> all() {
        List<Theme> out = new ArrayList<>(themes.values());
        if (!themes.containsKey(DEFAULT)) out.add(BUILT_IN);
        out.sort(Comparator.comparing((Theme t) -> !t.name().equals(DEFAULT)).thenComparing(Theme::title));
        return out;
    }

    /** Grows with every change of the installed set, so that caches built from it can tell. */
    public long generation() {
        return generation.get();
    }

    /** The theme a bundle's manifest declares, or null when it is not a theme or names none well. */
    static Theme themeOf(Bundle bundle) {
        String name = bundle.getHeaders("").get(Themes.HEADER);
        if (name == null) return null;
        name = name.strip();
        if (!name.matches("[a-z0-9-]{1,40}")) {
            LOG.warn("theme ignored bundle={} reason=\"bad name\" name={}", bundle.getSymbolicName(), name);
            return null;
        }
        String title = bundle.getHeaders("").get(Themes.TITLE_HEADER);
        return new Theme(name, title == null || title.isBlank() ? name : title.strip(), bundle);
    }

    private final class Customizer implements BundleTrackerCustomizer<Theme> {
        @Override
        public Theme addingBundle(Bundle bundle, BundleEvent event) {
            Theme theme = themeOf(bundle);
            if (theme == null) return null;
            Theme previous = themes.put(theme.name(), theme);
            generation.incrementAndGet();
            if (previous == null || previous.bundle() != bundle) {
                LOG.info("theme added name={} bundle={}", theme.name(), bundle.getSymbolicName());
            }
            return theme;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, Theme theme) {
            generation.incrementAndGet();
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, Theme theme) {
            if (themes.remove(theme.name(), theme)) {
                generation.incrementAndGet();
                LOG.info("theme removed name={} bundle={}", theme.name(), bundle.getSymbolicName());
            }
        }
    }
}
