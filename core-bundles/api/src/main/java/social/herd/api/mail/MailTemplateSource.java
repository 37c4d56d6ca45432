package social.herd.api.mail;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Mail templates from elsewhere than the mail bundle: the site theme's {@code theme/mail/}
 * folder. The mail bundle asks it after the admin's override folder and before its built-in
 * templates, for every mail, so a theme switch applies to the next mail. Since 1.1.
 */
@ConsumerType
public interface MailTemplateSource {

    /**
     * The text of a template file, e.g. {@code confirmation.en.subject}, {@code .txt} or
     * {@code .html} (Mustache), or empty to fall through to the built-in one.
     */
    Optional<String> template(String file);
}
