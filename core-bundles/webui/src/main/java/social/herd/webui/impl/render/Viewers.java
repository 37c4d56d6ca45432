package social.herd.webui.impl.render;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.auth.Principal;
import social.herd.api.auth.Role;
import social.herd.api.auth.TokenVerifier;
import social.herd.web.api.Json;

/**
 * Who is signed in: the web session cookie is an access token, checked like any API token (so a
 * revoked session, a suspended account or a password change signs the browser out at once).
 */
@Component(service = Viewers.class)
public final class Viewers {

    /**
     * A signed-in visitor.
     *
     * @param account the Mastodon Account entity as a map
     */
    public record Viewer(long userId, long accountId, long tokenId, Role role, String token, Map<String, Object> account) {
        public boolean staff() {
            return role.isStaff();
        }

        public boolean admin() {
            return role == Role.OWNER || role == Role.ADMIN;
        }

        /** What templates read as {@code viewer}. */
        Map<String, Object> model() {
            Map<String, Object> m = new HashMap<>(account);
            m.put("staff", staff());
            m.put("admin", admin());
            m.put("token", token);
            return m;
        }
    }

    private final TokenVerifier tokens;
    private final AccountDirectory accounts;

    @Activate
    public Viewers(@Reference TokenVerifier tokens, @Reference AccountDirectory accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @SuppressWarnings("unchecked")
    public Optional<Viewer> of(Visit visit) {
        if (visit.session() == null) return Optional.empty();
        Optional<Principal> p = tokens.verify(visit.session())
                .filter(x -> x.accountId().isPresent() && x.userId().isPresent() && x.confirmed());
        if (p.isEmpty()) return Optional.empty();
        long id = p.get().accountId().getAsLong();
        Object entity = accounts.render(List.of(id)).get(id);
        if (entity == null) return Optional.empty();
        return Optional.of(new Viewer(p.get().userId().getAsLong(), id, p.get().tokenId(), p.get().role(), visit.session(),
                Json.mapper().convertValue(entity, Map.class)));
    }

    /** The viewer's account id, or null when signed out: what the status services take. */
    public Long accountId(Visit visit) {
        return of(visit).map(Viewer::accountId).orElse(null);
    }
}
