package social.herd.federation.impl.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import social.herd.api.auth.Role;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;

/** Federation settings are for admins and the owner (Mastodon's "Manage Federation"), not moderators. */
final class AdminAuth {

    private AdminAuth() {}

    static long requireAdmin(ContainerRequestContext request) {
        long account = Auth.requireStaff(request);
        Role role = Auth.require(request).role();
        if (role != Role.OWNER && role != Role.ADMIN) throw ApiException.forbidden("This action is not allowed");
        return account;
    }
}
