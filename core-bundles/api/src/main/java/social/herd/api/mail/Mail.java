package social.herd.api.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A mail to send, by template.
 *
 * @param to       recipient address
 * @param template template name, e.g. {@code confirmation}, {@code password_reset}, {@code approved},
 *                 {@code rejected}
 * @param locale   the recipient's language (falls back to English)
 * @param model    values the template uses, e.g. {@code username}, {@code link}; plain strings only
 */
public record Mail(String to, String template, Locale locale, Map<String, String> model) {
    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        locale = locale == null ? Locale.ENGLISH : locale;
        model = Map.copyOf(model);
    }
}
