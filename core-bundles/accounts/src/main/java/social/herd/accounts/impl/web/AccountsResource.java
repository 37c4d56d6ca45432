package social.herd.accounts.impl.web;

import social.herd.web.api.ApiException;
import social.herd.web.api.Multipart;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.accounts.api.SignUpTokens;
import social.herd.accounts.impl.AccountMoves;
import social.herd.accounts.impl.AccountViews;
import social.herd.accounts.impl.ProfileService;
import social.herd.accounts.impl.SignUpService;
import social.herd.api.auth.Principal;
import social.herd.api.config.ServerSettings;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;
import social.herd.web.api.WebRequests;

/**
 * Mastodon's {@code /api/v1/accounts} endpoints owned by this bundle: sign-up, own credentials,
 * profile edits, look-ups and search, and GoToSocial's alias and move. Thin: parse, call one service method, answer.
 */
@Component(service = AccountsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public final class AccountsResource {

    /** An avatar and a header (8 MB each, checked later) plus the profile fields. */
    static final int MAX_UPLOAD = 17 * 1024 * 1024;

    private final SignUpService signUps;
    private final ProfileService profiles;
    private final AccountMoves moves;
    private final ServerSettings server;
    private final social.herd.api.accounts.SocialGraph graph;

    @Activate
    public AccountsResource(@Reference SignUpService signUps, @Reference ProfileService profiles,
                            @Reference AccountMoves moves, @Reference ServerSettings server,
                            @Reference social.herd.api.accounts.SocialGraph graph) {
        this.graph = graph;
        this.signUps = signUps;
        this.profiles = profiles;
        this.moves = moves;
        this.server = server;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope(value = "write:accounts", userRequired = false)
    public SignUpTokens.IssuedToken signUpForm(@Context UriInfo uri, MultivaluedMap<String, String> form,
                                               @Context ContainerRequestContext request) {
        return signUp(FormInput.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(value = "write:accounts", userRequired = false)
    public SignUpTokens.IssuedToken signUpJson(@Context UriInfo uri, JsonNode body,
                                               @Context ContainerRequestContext request) {
        return signUp(FormInput.json(uri.getQueryParameters(), body), request);
    }

    private SignUpTokens.IssuedToken signUp(FormInput in, ContainerRequestContext request) {
        Principal app = Auth.require(request);
        SignUpService.SignUp form = new SignUpService.SignUp(in.get("username"), in.get("email"), in.get("password"),
                Boolean.TRUE.equals(in.bool("agreement")), in.get("locale"), in.get("reason"), in.get("invite_code"));
        return signUps.signUp(form, app.applicationId(), app.scopes(), clientAddress(request));
    }

    @GET
    @Path("verify_credentials")
    @RequiresScope("read:accounts")
    public AccountViews.CredentialAccount verifyCredentials(@Context ContainerRequestContext request) {
        return profiles.credentials(Auth.requireAccountId(request));
    }

    @PATCH
    @Path("update_credentials")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:accounts")
    public AccountViews.CredentialAccount updateForm(@Context UriInfo uri, MultivaluedMap<String, String> form,
                                                     @Context ContainerRequestContext request) {
        return update(FormInput.of(uri.getQueryParameters(), form), request);
    }

    @PATCH
    @Path("update_credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:accounts")
    public AccountViews.CredentialAccount updateJson(@Context UriInfo uri, JsonNode body,
                                                     @Context ContainerRequestContext request) {
        return update(FormInput.json(uri.getQueryParameters(), body), request);
    }

    @PATCH
    @Path("update_credentials")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequiresScope("write:accounts")
    public AccountViews.CredentialAccount updateMultipart(@Context UriInfo uri, @HeaderParam("Content-Type") String type,
                                                          InputStream body, @Context ContainerRequestContext request)
            throws IOException {
        return update(FormInput.multipart(uri.getQueryParameters(),
                Multipart.read(type, body, MAX_UPLOAD, new ApiException(413, "Request body too large"))), request);
    }

    private AccountViews.CredentialAccount update(FormInput in, ContainerRequestContext request) {
        long accountId = Auth.requireAccountId(request);
        ProfileService.ProfileUpdate update = new ProfileService.ProfileUpdate(in.get("display_name"), in.get("note"),
                in.bool("locked"), in.bool("bot"), in.bool("discoverable"), in.bool("indexable"), in.fields(),
                in.get("source[privacy]"), in.bool("source[sensitive]"), in.get("source[language]"),
                in.file("avatar"), in.file("header"));
        return profiles.update(accountId, update);
    }

    /**
     * GoToSocial's {@code POST /api/v1/accounts/alias}: replaces the accounts that may move to this
     * one ({@code also_known_as_uris[]}: actor ids, profile URLs or handles; none clears them).
     * Answers the credential account, whose {@code source.also_known_as_uris} lists them.
     */
    @POST
    @Path("alias")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:accounts")
    public AccountViews.CredentialAccount aliasForm(@Context UriInfo uri, MultivaluedMap<String, String> form,
                                                    @Context ContainerRequestContext request) {
        return alias(FormInput.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Path("alias")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:accounts")
    public AccountViews.CredentialAccount aliasJson(@Context UriInfo uri, JsonNode body,
                                                    @Context ContainerRequestContext request) {
        return alias(FormInput.json(uri.getQueryParameters(), body), request);
    }

    private AccountViews.CredentialAccount alias(FormInput in, ContainerRequestContext request) {
        long accountId = Auth.requireAccountId(request);
        List<String> refs = in.list("also_known_as_uris");
        moves.setAliases(accountId, refs == null ? List.of() : refs.stream().filter(r -> !r.isBlank()).toList());
        return profiles.credentials(accountId);
    }

    /**
     * GoToSocial's {@code POST /api/v1/accounts/move}: moves this account to {@code moved_to_uri}
     * (which must list this account as an alias), confirmed with {@code password}. 202: the
     * followers' servers are told in the background.
     */
    @POST
    @Path("move")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:accounts")
    public Response moveForm(@Context UriInfo uri, MultivaluedMap<String, String> form,
                             @Context ContainerRequestContext request) {
        return move(FormInput.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Path("move")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:accounts")
    public Response moveJson(@Context UriInfo uri, JsonNode body, @Context ContainerRequestContext request) {
        return move(FormInput.json(uri.getQueryParameters(), body), request);
    }

    private Response move(FormInput in, ContainerRequestContext request) {
        long accountId = Auth.requireAccountId(request);
        moves.move(accountId, in.get("password"), in.get("moved_to_uri"));
        return Response.accepted(Map.of()).build();
    }

    @GET
    @Path("{id: [0-9]{1,19}}")
    public AccountViews.Account account(@PathParam("id") long id) {
        return profiles.account(id);
    }

    @GET
    @Path("lookup")
    public AccountViews.Account lookup(@QueryParam("acct") String acct) {
        return profiles.lookup(acct, server.localDomain(), server.webDomain());
    }

    @GET
    @Path("search")
    @RequiresScope("read:accounts")
    public List<AccountViews.Account> search(@QueryParam("q") String q, @QueryParam("limit") String limit,
                                             @QueryParam("offset") String offset, @QueryParam("following") String following,
                                             @Context ContainerRequestContext request) {
        int skip = offset == null || !offset.strip().matches("[0-9]{1,4}") ? 0 : Integer.parseInt(offset.strip());
        int max = limit(limit);
        // Mastodon's following=true: only accounts the searcher follows
        if ("true".equalsIgnoreCase(following)) {
            java.util.Set<Long> followed = java.util.Set.copyOf(graph.following(Auth.requireAccountId(request)));
            return profiles.search(q, 80).stream().filter(a -> followed.contains(Long.parseLong(a.id())))
                    .skip(skip).limit(max).toList();
        }
        return profiles.search(q, Math.min(80, skip + max)).stream().skip(skip).limit(max).toList();
    }


    /** Mastodon: default 40, at most 80; a non-numeric limit falls back to the default. */
    static int limit(String value) {
        try {
            return value == null || value.isBlank() ? 40 : (int) Math.max(1, Math.min(80, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return 40;
        }
    }

    static String clientAddress(ContainerRequestContext request) {
        Object address = request.getProperty(WebRequests.CLIENT_ADDRESS_PROPERTY);
        return address == null ? "unknown" : address.toString();
    }
}
