package social.herd.webui.impl.favicons;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import social.herd.api.instance.InstanceOverrides;
import social.herd.spi.favicon.FaviconSet;

/**
 * The favicon sets of the installed favicon plugins, and which one is active: the one the admin
 * chose by name ({@code favicon} instance setting) while it is installed, else the one of highest
 * {@code service.ranking}. Looked up per request, so a switch or an upload shows on the next page.
 */
@Component(service = FaviconRegistry.class, immediate = true)
public final class FaviconRegistry {

    /** Property a favicon component names its set with ({@code @FaviconProperties}). */
    static final String NAME = "herd.favicon.name";

    /** An installed set with its name and ranking. */
    public record Entry(String name, int ranking, FaviconSet set) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final InstanceOverrides overrides;

    @Activate
    public FaviconRegistry(@Reference InstanceOverrides overrides) {
        this.overrides = overrides;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void add(FaviconSet set, Map<String, Object> props) {
        entries.add(new Entry(name(props), ranking(props), set));
    }

    void remove(FaviconSet set) {
        entries.removeIf(e -> e.set() == set);
    }

    /** The active set, if any favicon plugin is installed. */
    public Optional<Entry> active() {
        Optional<String> chosen = overrides.setting("favicon");
        if (chosen.isPresent()) {
            Optional<Entry> named = byName(chosen.get());
            if (named.isPresent()) return named;
        }
        Entry best = null;
        for (Entry e : entries) {
            if (best == null || e.ranking() > best.ranking()) best = e;
        }
        return Optional.ofNullable(best);
    }

    /** The installed set of that name (the highest ranked if several share it). */
    public Optional<Entry> byName(String name) {
        Entry best = null;
        for (Entry e : entries) {
            if (e.name().equals(name) && (best == null || e.ranking() > best.ranking())) best = e;
        }
        return Optional.ofNullable(best);
    }

    /** Every installed set, for the admin's choice. */
    public List<Entry> all() {
        return List.copyOf(entries);
    }

    private static String name(Map<String, Object> props) {
        Object n = props.get(NAME);
        return n == null ? "unnamed-" + props.get(Constants.SERVICE_ID) : n.toString();
    }

    private static int ranking(Map<String, Object> props) {
        return props.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }
}
