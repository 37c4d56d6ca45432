package social.herd.web.impl;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.slf4j.MDC;
import social.herd.web.api.ApiException;
import social.herd.web.api.JsonId;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;

/** Endpoints standing in for other bundles' resources. */
@Path("/api/v1")
public class TestResource {

    static final URI PUBLIC_URL = URI.create("https://social.example");
    static final Instant CREATED = Instant.parse("2026-11-22T10:00:00Z");

    /** A Mastodon-like entity. */
    public record Sample(String id, @JsonId long accountId, String displayName, Instant createdAt, String url,
            int followersCount) {
    }

    @GET
    @Path("sample")
    @Produces(MediaType.APPLICATION_JSON)
    public Sample sample() {
        return new Sample("109876543210", 42L, "Alice", CREATED, null, 7);
    }

    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Sample echo(Sample sample) {
        return sample;
    }

    @POST
    @Path("raw")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String raw(InputStream body) throws IOException {
        return Long.toString(body.transferTo(java.io.OutputStream.nullOutputStream()));
    }

    @GET
    @Path("items/{id: [0-9]+}")
    @Produces(MediaType.TEXT_PLAIN)
    public String item(@PathParam("id") String id) {
        return "item " + id;
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("a genuine bug in com.example.Thing");
    }

    @GET
    @Path("api-error")
    public String apiError() {
        throw new ApiException(422, "Validation failed: Text can't be blank", "text is required");
    }

    @GET
    @Path("page")
    @Produces(MediaType.APPLICATION_JSON)
    public Response page(@Context UriInfo uriInfo) {
        PageRequest page = PageRequest.from(uriInfo, 40);
        return PaginationLinks.apply(Response.ok(List.of(page.limit())), PUBLIC_URL, uriInfo, "100", "200").build();
    }

    @GET
    @Path("request-id")
    @Produces(MediaType.TEXT_PLAIN)
    public String requestId() {
        return MDC.get("request_id");
    }
}
