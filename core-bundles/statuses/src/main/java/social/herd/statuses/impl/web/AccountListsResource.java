package social.herd.statuses.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import social.herd.statuses.impl.lists.ListService;
import social.herd.statuses.impl.lists.ListService.ListEntity;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * {@code GET /api/v1/accounts/:id/lists}: the caller's lists that hold the account. The root is
 * the accounts bundle's, on purpose, like {@link AccountStatusesResource}: classes with the same
 * root merge, a longer root of our own would shadow that bundle's paths.
 */
@Component(service = AccountListsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public final class AccountListsResource {

    private final ListService lists;

    @Activate
    public AccountListsResource(@Reference ListService lists) {
        this.lists = lists;
    }

    @GET
    @Path("{id: [0-9]{1,19}}/lists")
    @RequiresScope("read:lists")
    public List<ListEntity> lists(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return lists.containing(Auth.requireAccountId(request), id);
    }
}
