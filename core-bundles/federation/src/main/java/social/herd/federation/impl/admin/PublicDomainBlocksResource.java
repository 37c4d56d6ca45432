package social.herd.federation.impl.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.federation.impl.FederationRuntime;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;

/**
 * Mastodon's public {@code GET /api/v1/instance/domain_blocks}: the blocked domains (starred when
 * the block says obfuscate), their SHA-256, severity and public comment. Shown to everyone, to
 * signed-in users only (the default) or to nobody, by {@code show_domain_blocks}; otherwise 404,
 * as Mastodon answers.
 */
@Component(service = PublicDomainBlocksResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/instance/domain_blocks")
@Produces(MediaType.APPLICATION_JSON)
public final class PublicDomainBlocksResource {

    /** Mastodon's DomainBlock entity. */
    public record Entity(String domain, String digest, String severity, String comment) {}

    private final DomainAdmin admin;
    private final FederationRuntime runtime;

    @Activate
    public PublicDomainBlocksResource(@Reference DomainAdmin admin, @Reference FederationRuntime runtime) {
        this.admin = admin;
        this.runtime = runtime;
    }

    @GET
    public List<Entity> list(@Context ContainerRequestContext request) {
        String show = runtime.settings().showDomainBlocks();
        boolean visible = show.equals("all") || (show.equals("users") && Auth.principal(request).isPresent());
        if (!visible) throw ApiException.notFound();
        return admin.allBlocks().stream().filter(b -> !b.severity().equals("noop") || b.rejectMedia() || b.rejectReports())
                .map(b -> new Entity(b.obfuscate() ? DomainNames.obfuscated(b.domain()) : b.domain(), DomainNames.digest(b.domain()),
                        b.severity(), b.publicComment() == null ? "" : b.publicComment()))
                .toList();
    }
}
