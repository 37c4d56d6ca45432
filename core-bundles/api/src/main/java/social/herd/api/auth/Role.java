package social.herd.api.auth;

/** A user's role on this server, most powerful first. */
public enum Role {
    OWNER, ADMIN, MODERATOR, USER;

    /** True for owner, admin and moderator. */
    public boolean isStaff() {
        return this != USER;
    }
}
