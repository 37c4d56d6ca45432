package social.herd.spi.moderation;

import java.util.Locale;
import java.util.Objects;

/**
 * Somebody signing up on this server.
 *
 * @param username      the requested username
 * @param email         the e-mail address given; plugins must not log or store it
 * @param clientAddress the IP address the request came from
 * @param reason        the reason given for joining (approval mode), or empty
 * @param locale        the language the person uses
 * @param viaInvite     true when an invite code was used
 */
public record SignUp(String username, String email, String clientAddress, String reason, Locale locale,
                     boolean viaInvite) implements ModerationSubject {
    public SignUp {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        clientAddress = clientAddress == null ? "" : clientAddress;
        reason = reason == null ? "" : reason;
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    @Override
    public ModerationContext context() {
        return ModerationContext.SIGN_UP;
    }
}
