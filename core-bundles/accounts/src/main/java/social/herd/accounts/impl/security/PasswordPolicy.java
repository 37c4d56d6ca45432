package social.herd.accounts.impl.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: 8 to 128 characters, not the username or e-mail address (or its
 * local part), and not one of the passwords that top every leaked-password list.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    /** The most common leaked passwords of 8+ characters; shorter ones already fail the length rule. */
    private static final Set<String> COMMON = Set.of(
            "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword",
            "12345678", "123456789", "1234567890", "12345678910", "0123456789", "87654321", "11111111", "00000000",
            "123123123", "1q2w3e4r", "1q2w3e4r5t", "qwertyui", "qwertyuiop", "qwerty123", "qwerty1234", "1qaz2wsx",
            "zaq12wsx", "asdfghjkl", "asdfasdf", "iloveyou", "iloveyou1", "sunshine", "princess", "football",
            "baseball", "superman", "starwars", "whatever", "trustno1", "letmein1", "welcome1", "welcome123",
            "changeme", "abcd1234", "abc12345", "aa123456", "monkey123", "dragon123", "mastodon", "mastodon1",
            "admin123", "administrator", "computer", "internet", "michelle", "jennifer", "1234qwer", "q1w2e3r4",
            "q1w2e3r4t5", "passpass", "secret123", "azertyuiop", "999999999", "987654321", "qazwsxedc");

    private PasswordPolicy() {}

    /** A Mastodon-style validation problem: {@code ERR_*} code and description. */
    public record Problem(String code, String description) {}

    /** The first problem with {@code password}, or empty when it is acceptable. */
    public static Optional<Problem> check(String password, String username, String email) {
        if (password == null || password.isEmpty()) return Optional.of(new Problem("ERR_BLANK", "can't be blank"));
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(new Problem("ERR_TOO_SHORT", "is too short (minimum is " + MIN_LENGTH + " characters)"));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(new Problem("ERR_TOO_LONG", "is too long (maximum is " + MAX_LENGTH + " characters)"));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        boolean weak = COMMON.contains(lower) || lower.chars().distinct().count() <= 2;
        if (username != null && !username.isBlank() && lower.equals(username.toLowerCase(Locale.ROOT))) weak = true;
        if (email != null && !email.isBlank()) {
            String e = email.toLowerCase(Locale.ROOT);
            int at = e.indexOf('@');
            if (lower.equals(e) || (at > 0 && lower.equals(e.substring(0, at)))) weak = true;
        }
        return weak ? Optional.of(new Problem("ERR_INVALID", "is too weak: choose one that is harder to guess"))
                : Optional.empty();
    }
}
