package social.herd.oauth.impl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import social.herd.api.accounts.UserSummary;
import social.herd.api.accounts.Users;
import social.herd.api.auth.Role;

/**
 * Stands in for the accounts bundle's {@link Users} service (another bundle, built in parallel):
 * users in a map with fixed passwords. Our own storage in these tests is the real database.
 */
final class TestUsers implements Users {

    record Entry(UserSummary user, String password) {}

    private final Map<Long, Entry> byId = new ConcurrentHashMap<>();
    final AtomicInteger logins = new AtomicInteger();
    volatile boolean throttled;

    UserSummary add(long id, String username, String password, Role role) {
        UserSummary u = new UserSummary(id, id + 1000, username, username + "@example.com", role, UserSummary.State.ACTIVE);
        byId.put(id, new Entry(u, password));
        return u;
    }

    void state(long id, UserSummary.State state) {
        Entry e = byId.get(id);
        UserSummary u = e.user();
        byId.put(id, new Entry(new UserSummary(u.userId(), u.accountId(), u.username(), u.email(), u.role(), state),
                e.password()));
    }

    void deactivate(long id) {
        Entry e = byId.get(id);
        UserSummary u = e.user();
        byId.put(id, new Entry(new UserSummary(u.userId(), u.accountId(), u.username(), u.email(), u.role(), UserSummary.State.DISABLED),
                e.password()));
    }

    @Override
    public LoginResult login(String login, String password, String clientAddress) {
        logins.incrementAndGet();
        if (throttled) return new LoginResult.Refused(Reason.THROTTLED);
        for (Entry e : byId.values()) {
            UserSummary u = e.user();
            if (login.equalsIgnoreCase(u.email()) || login.equalsIgnoreCase(u.username())) {
                if (!e.password().equals(password)) break;
                return u.active() ? new LoginResult.Success(u) : new LoginResult.Refused(Reason.SUSPENDED);
            }
        }
        return new LoginResult.Refused(Reason.INVALID_CREDENTIALS);
    }

    @Override
    public Optional<UserSummary> byId(long userId) {
        return Optional.ofNullable(byId.get(userId)).map(Entry::user);
    }
}
