package social.herd.admin.impl.moderation;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import social.herd.spi.moderation.ModerationContext;
import social.herd.spi.moderation.ModerationFilter;

/**
 * One installed filter as the chain runs it: its name for moderators and metrics, the contexts it
 * asked for, its own time budget and whether it fails closed — read from the service properties
 * that {@code @ModerationFilterProperties} (and the admin's configuration of the plugin) set.
 *
 * @param budgetMs   0 for the chain's default budget
 * @param failClosed hold the subject when this filter fails, whatever the chain's setting
 */
record FilterEntry(String name, ModerationFilter filter, Set<ModerationContext> contexts, long budgetMs,
                   boolean failClosed) {

    static final String NAME = "herd.filter.name";
    static final String CONTEXTS = "herd.filter.contexts";
    static final String BUDGET = "herd.filter.budget";
    static final String FAIL_CLOSED = "herd.filter.failClosed";

    /** A filter asked about everything, with the chain's budget and failure mode (tests, old plugins). */
    static FilterEntry of(String name, ModerationFilter filter) {
        return new FilterEntry(name, filter, EnumSet.allOf(ModerationContext.class), 0, false);
    }

    /** Reads the entry from service properties; values that do not parse fall back to the defaults. */
    static FilterEntry from(String fallbackName, ModerationFilter filter, Map<String, Object> props) {
        Object name = props.get(NAME);
        return new FilterEntry(name == null || name.toString().isBlank() ? fallbackName : name.toString(), filter,
                contexts(props.get(CONTEXTS)), number(props.get(BUDGET)), bool(props.get(FAIL_CLOSED)));
    }

    boolean wants(ModerationContext context) {
        return contexts.contains(context);
    }

    private static Set<ModerationContext> contexts(Object value) {
        if (value == null) return EnumSet.allOf(ModerationContext.class);
        Object[] items = value instanceof Object[] a ? a
                : value instanceof Iterable<?> it ? java.util.stream.StreamSupport.stream(it.spliterator(), false).toArray()
                : value.toString().split(",");
        Set<ModerationContext> out = EnumSet.noneOf(ModerationContext.class);
        for (Object item : items) {
            String key = item.toString().strip().toUpperCase(Locale.ROOT);
            for (ModerationContext c : ModerationContext.values()) if (c.name().equals(key)) out.add(c);
        }
        // a configuration naming no known context would silently switch the filter off: keep it on
        return out.isEmpty() ? EnumSet.allOf(ModerationContext.class) : out;
    }

    private static long number(Object value) {
        if (value instanceof Number n) return Math.max(0, n.longValue());
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.toString().strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean bool(Object value) {
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString().strip());
    }
}
