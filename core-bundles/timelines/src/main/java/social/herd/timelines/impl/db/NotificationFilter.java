package social.herd.timelines.impl.db;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a recipient's notifications a list or count covers.
 *
 * @param accountId     the recipient
 * @param types         only these types; null for all (an empty list matches nothing)
 * @param excludeTypes  never these types
 * @param fromAccountId only from this account, or null
 * @param hidden        accounts whose notifications are left out (blocked, muted), as a
 *                      PostgreSQL array literal so that any number of them is one parameter
 */
public record NotificationFilter(long accountId, List<String> types, List<String> excludeTypes, Long fromAccountId,
                                 String hidden) {

    /** A filter leaving out {@code hidden} accounts. */
    public static NotificationFilter of(long accountId, List<String> types, List<String> excludeTypes,
                                        Long fromAccountId, Set<Long> hidden) {
        String array = hidden.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        return new NotificationFilter(accountId, types, excludeTypes == null ? List.of() : excludeTypes, fromAccountId,
                array);
    }

    /** True when {@code types} excludes everything, so no query is needed. */
    public boolean matchesNothing() {
        return types != null && types.isEmpty();
    }
}
