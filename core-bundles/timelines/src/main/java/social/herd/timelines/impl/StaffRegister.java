package social.herd.timelines.impl;

import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.UserSummary;
import social.herd.api.accounts.Users;

/**
 * The recipients of {@code admin.sign_up} and {@code admin.report}: the active owners, admins and
 * moderators of this server, asked of the accounts bundle each time (a demoted or disabled user
 * stops getting them at once).
 */
@Component(service = StaffRegister.class)
public final class StaffRegister {

    private final Users users;

    @Activate
    public StaffRegister(@Reference Users users) {
        this.users = users;
    }

    /** The staff's account ids. */
    public List<Long> recipients() {
        return users.staff().stream().filter(u -> u.active() && u.role().isStaff()).map(UserSummary::accountId).toList();
    }
}
