package social.herd.oauth.impl.token;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.oauth.impl.Params;
import social.herd.web.api.WebRequests;

/**
 * {@code POST /oauth/token} and {@code POST /oauth/revoke}, as forms or JSON. Client credentials
 * may also come as HTTP Basic ({@code client_secret_basic}, RFC 6749 section 2.3.1).
 */
@Component(service = TokenResource.class)
@JakartarsResource
@JSONRequired
@Path("/oauth")
@Produces(MediaType.APPLICATION_JSON)
public final class TokenResource {

    /** Mastodon's Token entity. */
    public record TokenView(String accessToken, String tokenType, String scope, long createdAt) {}

    private final TokenService service;

    @Activate
    public TokenResource(@Reference TokenService service) {
        this.service = service;
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response tokenFromForm(MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        return token(Params.of(form), request);
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response tokenFromJson(Map<String, Object> body, @Context ContainerRequestContext request) {
        return token(Params.ofJson(body), request);
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeFromForm(MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        return revoke(Params.of(form), request);
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response revokeFromJson(Map<String, Object> body, @Context ContainerRequestContext request) {
        return revoke(Params.ofJson(body), request);
    }

    private Response token(Params params, ContainerRequestContext request) {
        AccessTokens.Issued issued = service.token(withBasicAuth(params, request), clientAddress(request));
        TokenView view = new TokenView(issued.accessToken(), "Bearer", issued.scope(), issued.createdAt().toEpochSecond());
        // RFC 6749 section 5.1: responses carrying tokens must not be cached
        return Response.ok(view).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }

    private Response revoke(Params params, ContainerRequestContext request) {
        service.revoke(withBasicAuth(params, request));
        return Response.ok(Map.of()).build();
    }

    /** Client id and secret from {@code Authorization: Basic}, when the body does not carry them. */
    static Params withBasicAuth(Params params, ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return params;
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) return params;
            params.putIfAbsent("client_id", URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
            params.putIfAbsent("client_secret", URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // not Base64 or bad escapes: no client authentication, answered invalid_client
        }
        return params;
    }

    /** The client's address as the web bundle determined it (trusted proxies applied). */
    static String clientAddress(ContainerRequestContext request) {
        Object address = request.getProperty(WebRequests.CLIENT_ADDRESS_PROPERTY);
        return address == null ? "unknown" : address.toString();
    }
}
