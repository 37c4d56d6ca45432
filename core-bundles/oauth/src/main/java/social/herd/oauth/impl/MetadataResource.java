package social.herd.oauth.impl;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.auth.Scopes;
import social.herd.api.config.ServerSettings;

/**
 * OAuth 2 authorization server metadata (RFC 8414) as Mastodon 4.3 publishes it, so that clients
 * can discover the endpoints, scopes and PKCE support. Every URL is built from the public URL.
 */
@Component(service = MetadataResource.class)
@JakartarsResource
@JSONRequired
@Path("/.well-known/oauth-authorization-server")
@Produces(MediaType.APPLICATION_JSON)
public final class MetadataResource {

    private final ServerSettings server;

    @Activate
    public MetadataResource(@Reference ServerSettings server) {
        this.server = server;
    }

    @GET
    public Map<String, Object> metadata() {
        String base = server.publicUrl().toString();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", base + "/");
        m.put("service_documentation", "https://docs.joinmastodon.org/");
        m.put("authorization_endpoint", base + "/oauth/authorize");
        m.put("token_endpoint", base + "/oauth/token");
        m.put("app_registration_endpoint", base + "/api/v1/apps");
        m.put("revocation_endpoint", base + "/oauth/revoke");
        m.put("scopes_supported", Scopes.KNOWN.stream().sorted().toList());
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        // plain is still accepted for old clients, but only S256 is advertised, as Mastodon does
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("grant_types_supported", List.of("authorization_code", "password", "client_credentials"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        return m;
    }
}
