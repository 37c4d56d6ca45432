package social.herd.oauth.impl;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/** Stands in for other bundles' endpoints behind scopes, e.g. verify_credentials and posting. */
@Path("/api/v1/test")
@Produces(MediaType.TEXT_PLAIN)
public class ScopedTestResource {

    @GET
    @Path("me")
    @RequiresScope("read:accounts")
    public String me(@Context ContainerRequestContext request) {
        return "account " + Auth.requireAccountId(request);
    }

    @GET
    @Path("post")
    @RequiresScope(value = "write:statuses", userRequired = false)
    public String post() {
        return "posted";
    }
}
