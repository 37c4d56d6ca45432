package social.herd.web.impl.filters;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import social.herd.api.auth.Principal;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * Enforces {@link RequiresScope} after the request has been matched to a resource method. Prototype
 * scope: the injected {@link ResourceInfo} proxy belongs to one application.
 */
@Component(service = ContainerRequestFilter.class, scope = ServiceScope.PROTOTYPE)
@JakartarsExtension
@JakartarsName("herd.scopes")
@Priority(Priorities.AUTHORIZATION)
public final class ScopeFilter implements ContainerRequestFilter {

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        RequiresScope required = required(resource.getResourceMethod(), resource.getResourceClass());
        if (required == null) return;
        check(required, Auth.principal(request).orElse(null));
    }

    static RequiresScope required(Method method, Class<?> type) {
        RequiresScope onMethod = method == null ? null : method.getAnnotation(RequiresScope.class);
        if (onMethod != null) return onMethod;
        return type == null ? null : type.getAnnotation(RequiresScope.class);
    }

    /** Throws the Mastodon error a client would get, or returns when the caller may proceed. */
    static void check(RequiresScope required, Principal caller) {
        if (caller == null) throw new ApiException(401, "The access token is invalid");
        if (!caller.allows(required.value())) throw new ApiException(403, "This action is outside the authorized scopes");
        if (required.userRequired() && !caller.hasUser()) {
            throw new ApiException(422, "This method requires an authenticated user");
        }
        if (caller.hasUser() && !caller.confirmed() && !required.allowUnconfirmed()) {
            throw new ApiException(403, "Your login is missing a confirmed e-mail address");
        }
    }
}
