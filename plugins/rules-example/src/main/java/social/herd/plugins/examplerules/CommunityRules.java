package social.herd.plugins.examplerules;

import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import social.herd.spi.rules.Rule;
import social.herd.spi.rules.RuleProvider;
import social.herd.spi.rules.RuleProviderProperties;

/**
 * An example rules plugin, and the smallest complete one: drop its jar into {@code deploy/} and
 * its rules appear after the configured ones; delete the jar and they are gone. Copy this module
 * to start a plugin of your own.
 */
@Component
@RuleProviderProperties(herd_rules_name = "community")
public final class CommunityRules implements RuleProvider {

    private static final List<Rule> ENGLISH = List.of(
            new Rule("community-1", "Put a content warning on sensitive media.", "Nudity, gore and flashing images need a warning."),
            new Rule("community-2", "Describe your images for people using screen readers.", ""));

    private static final List<Rule> GERMAN = List.of(
            new Rule("community-1", "Sensible Medien mit Inhaltswarnung versehen.", "Nacktheit, Gewalt und Flackern brauchen eine Warnung."),
            new Rule("community-2", "Bilder für Screenreader beschreiben.", ""));

    @Override
    public List<Rule> rules(Locale locale) {
        return "de".equals(locale.getLanguage()) ? GERMAN : ENGLISH;
    }
}
