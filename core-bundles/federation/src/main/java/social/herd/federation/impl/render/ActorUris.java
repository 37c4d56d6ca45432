package social.herd.federation.impl.render;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.federation.RemoteAccounts;
import social.herd.federation.impl.LocalUris;

/** Account ids to actor ids: local ones as we publish them, remote ones as their servers do. */
public final class ActorUris {

    private final AccountDirectory accounts;
    private final RemoteAccounts remote;
    private final LocalUris uris;

    public ActorUris(AccountDirectory accounts, RemoteAccounts remote, LocalUris uris) {
        this.accounts = accounts;
        this.remote = remote;
        this.uris = uris;
    }

    public Optional<String> of(long accountId) {
        return Optional.ofNullable(of(java.util.List.of(accountId)).get(accountId));
    }

    /** Actor ids of the given accounts; unknown ids are left out. */
    public Map<Long, String> of(Collection<Long> accountIds) {
        Map<Long, String> out = new HashMap<>();
        remote.byIds(accountIds).forEach((id, r) -> out.put(id, r.actor().uri()));
        for (Long id : accountIds) {
            if (out.containsKey(id)) continue;
            accounts.byId(id).filter(AccountSummary::local).ifPresent(a -> out.put(id, uris.actor(a.username())));
        }
        return out;
    }

    /** The local account's username, when {@code accountId} is local. */
    public Optional<String> localUsername(long accountId) {
        return accounts.byId(accountId).filter(AccountSummary::local).map(AccountSummary::username);
    }
}
