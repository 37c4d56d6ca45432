package social.herd.accounts.impl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import social.herd.accounts.impl.db.UserRow;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Tx;
import social.herd.api.mail.Mail;
import social.herd.api.mail.Mailer;

/**
 * The mails of this bundle, enqueued in the caller's transaction. Every model carries
 * {@code username} and {@code link} (a full URL on the public address).
 */
final class AccountMails {

    static final String CONFIRMATION = "confirmation";
    static final String PASSWORD_RESET = "password_reset";
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";

    private final Mailer mailer;
    private final ServerSettings server;

    AccountMails(Mailer mailer, ServerSettings server) {
        this.mailer = mailer;
        this.server = server;
    }

    void confirmation(Tx tx, String email, String username, String locale, String token) {
        send(tx, email, CONFIRMATION, locale, username, "/auth/confirmation?confirmation_token=" + encode(token));
    }

    void passwordReset(Tx tx, UserRow user, String token) {
        send(tx, user.email(), PASSWORD_RESET, user.locale(), user.username(),
                "/auth/password/edit?reset_password_token=" + encode(token));
    }

    void approved(Tx tx, UserRow user) {
        send(tx, user.email(), APPROVED, user.locale(), user.username(), "/");
    }

    void rejected(Tx tx, UserRow user) {
        send(tx, user.email(), REJECTED, user.locale(), user.username(), "/");
    }

    private void send(Tx tx, String to, String template, String locale, String username, String path) {
        String link = server.publicUrl().toString().replaceAll("/+$", "") + path;
        Locale l = locale == null || locale.isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(locale.replace('_', '-'));
        mailer.send(tx, new Mail(to, template, l, Map.of("username", username, "link", link)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
