package social.herd.api.instance;

import java.util.List;
import java.util.Locale;
import org.osgi.annotation.versioning.ProviderType;
import social.herd.spi.rules.Rule;

/**
 * The server's rules as they stand now: every rule plugin's contribution, in display order, with
 * unique ids. Shown on the about page, at sign-up (where they must be accepted) and in reports.
 */
@ProviderType
public interface ServerRules {

    /** The current rules in the reader's language (or the closest one each plugin has). */
    List<Rule> current(Locale locale);
}
