package social.herd.accounts.impl;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Mastodon's rules for local usernames, e-mail addresses and locales. */
public final class AccountRules {

    public static final int USERNAME_MAX = 30;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]+");
    /** Deliberately loose: the confirmation mail is the real check. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}([-_][A-Za-z0-9]{2,8})?");

    /**
     * Names people would mistake for the server's staff or that mail systems use; only an operator
     * (the CLI) may take them.
     */
    private static final Set<String> RESERVED = Set.of(
            "admin", "administrator", "root", "support", "help", "webmaster", "postmaster", "hostmaster", "abuse",
            "security", "mod", "moderator", "moderators", "staff", "noreply", "no_reply", "herd", "system");

    private AccountRules() {}

    /** A problem with a sign-up username ({@code ERR_*}, description), or null when valid. */
    public static ValidationErrors.Detail usernameProblem(String username, boolean allowReserved) {
        if (username == null || username.isBlank()) return new ValidationErrors.Detail("ERR_BLANK", "can't be blank");
        if (!USERNAME.matcher(username).matches()) {
            return new ValidationErrors.Detail("ERR_INVALID", "must contain only letters, numbers and underscores");
        }
        if (username.length() > USERNAME_MAX) {
            return new ValidationErrors.Detail("ERR_TOO_LONG", "is too long (maximum is " + USERNAME_MAX + " characters)");
        }
        if (!allowReserved && RESERVED.contains(username.toLowerCase(Locale.ROOT))) {
            return new ValidationErrors.Detail("ERR_RESERVED", "is reserved");
        }
        return null;
    }

    /** A problem with an e-mail address, or null when it looks deliverable. */
    public static ValidationErrors.Detail emailProblem(String email) {
        if (email == null || email.isBlank()) return new ValidationErrors.Detail("ERR_BLANK", "can't be blank");
        if (email.length() > 254 || !EMAIL.matcher(email.trim()).matches()) {
            return new ValidationErrors.Detail("ERR_INVALID", "is invalid");
        }
        return null;
    }

    /** True for {@code en}, {@code pt-BR}, {@code zh_TW} and the like. */
    public static boolean validLocale(String locale) {
        return locale != null && LOCALE.matcher(locale).matches();
    }
}
