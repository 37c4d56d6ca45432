package social.herd.spi.rules;

import java.util.List;
import java.util.Locale;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service a plugin registers to contribute server rules.
 *
 * <p>Providers are listed in {@code service.ranking} order (highest first, then by service id);
 * each provider's rules keep the order it returns them in. Core calls {@link #rules(Locale)} on
 * every read, so a provider may change its answer at any time (for example on reconfiguration).
 * Implementations must be fast and must not block on I/O.
 */
@ConsumerType
public interface RuleProvider {

    /**
     * The rules this provider contributes, in display order.
     *
     * @param locale the reader's preferred locale; return the closest translation, or the
     *               default language when there is none
     * @return the rules, never null; may be empty
     */
    List<Rule> rules(Locale locale);
}
