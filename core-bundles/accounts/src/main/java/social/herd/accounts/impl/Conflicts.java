package social.herd.accounts.impl;

import java.sql.SQLException;

/** Recognises unique-constraint violations, for sign-ups that race for the same name or address. */
final class Conflicts {

    private Conflicts() {}

    /** The violated unique index or constraint, or null when {@code t} is not a unique violation. */
    static String uniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage());
                if (message.contains("accounts_local_username")) return "username";
                if (message.contains("users_email")) return "email";
                return "other";
            }
        }
        return null;
    }
}
