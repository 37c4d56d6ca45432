package social.herd.api.accounts;

/**
 * The facts about an account other bundles decide on.
 *
 * @param id        the account
 * @param username  its username, without domain
 * @param domain    its server's domain, or null for a local account
 * @param locked    whether it approves followers by hand
 * @param suspended whether it is suspended or being deleted (hide it and its posts)
 */
public record AccountSummary(long id, String username, String domain, boolean locked, boolean suspended) {

    public boolean local() {
        return domain == null;
    }
}
