package social.herd.federation.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.LocalUris;
import social.herd.federation.impl.render.Documents;
import social.herd.web.api.ApiException;

/**
 * WebFinger (RFC 7033) as Mastodon answers it. Served on the web domain, it answers for handles on
 * both the local domain and the web domain ({@code acct:alice@example.com} and
 * {@code acct:alice@social.example.com}) and for actor and profile URLs; the subject is always on
 * the local domain and the {@code self} link is exactly the actor id.
 */
@Component(service = WebFingerResource.class)
@JakartarsResource
@Path("/.well-known/webfinger")
public final class WebFingerResource {

    static final String JRD = "application/jrd+json; charset=utf-8";

    private final AccountDirectory accounts;
    private final LocalUris uris;

    @Activate
    public WebFingerResource(@Reference AccountDirectory accounts, @Reference FederationRuntime runtime) {
        this.accounts = accounts;
        this.uris = runtime.uris();
    }

    @GET
    public Response find(@QueryParam("resource") String resource) {
        if (resource == null || resource.isBlank() || resource.length() > 512) {
            throw ApiException.badRequest("resource parameter is required");
        }
        String username = username(resource.strip()).orElseThrow(ApiException::notFound);
        if (username.equalsIgnoreCase(uris.webDomain()) || username.equalsIgnoreCase(uris.localDomain())) {
            return instanceActor();
        }
        AccountSummary a = accounts.localByUsername(username).filter(x -> !x.suspended())
                .orElseThrow(ApiException::notFound);
        String name = a.username();
        Map<String, Object> jrd = Map.of(
                "subject", "acct:" + name + "@" + uris.localDomain(),
                "aliases", List.of(uris.profile(name), uris.actor(name)),
                "links", List.of(
                        Map.of("rel", "http://webfinger.net/rel/profile-page", "type", "text/html", "href", uris.profile(name)),
                        Map.of("rel", "self", "type", Documents.ACTIVITY_JSON, "href", uris.actor(name)),
                        Map.of("rel", "http://ostatus.org/schema/1.0/subscribe",
                                "template", uris.base() + "/authorize_interaction?uri={uri}")));
        return Response.ok(Documents.write(jrd), JRD).build();
    }

    private Response instanceActor() {
        String domain = uris.webDomain();
        Map<String, Object> jrd = Map.of(
                "subject", "acct:" + domain + "@" + domain,
                "aliases", List.of(uris.instanceActor()),
                "links", List.of(Map.of("rel", "self", "type", Documents.ACTIVITY_JSON, "href", uris.instanceActor())));
        return Response.ok(Documents.write(jrd), JRD).build();
    }

    /** The local username a resource names, if it names one on this server. */
    Optional<String> username(String resource) {
        String r = resource;
        if (r.regionMatches(true, 0, "acct:", 0, 5)) r = r.substring(5);
        if (r.startsWith("@")) r = r.substring(1);
        if (r.startsWith("https://") || r.startsWith("http://")) {
            Optional<String> actor = uris.usernameOf(r);
            if (actor.isPresent()) return actor;
            try {
                String path = URI.create(r).getRawPath();
                if (uris.isLocal(r) && path != null && path.startsWith("/@") && !path.substring(2).contains("/")) {
                    return Optional.of(path.substring(2));
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }
        int at = r.lastIndexOf('@');
        if (at <= 0) return Optional.empty();
        String domain = r.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!domain.equals(uris.localDomain().toLowerCase(Locale.ROOT)) && !domain.equals(uris.webDomain().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(r.substring(0, at));
    }
}
