package social.herd.plugins.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import social.herd.spi.rules.Rule;
import social.herd.spi.rules.RuleProvider;
import social.herd.spi.rules.RuleProviderProperties;

/**
 * The server rules written in {@code conf/herd.yaml} ({@code rules:}), which the launcher hands
 * over as PID {@code social.herd.rules.default}. Editing the configuration through ConfigAdmin
 * changes the rules at once.
 */
@Component(configurationPid = "social.herd.rules.default", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@RuleProviderProperties(service_ranking = 100, herd_rules_name = "rules-default")
@Designate(ocd = ConfiguredRules.Config.class)
public final class ConfiguredRules implements RuleProvider {

    /** Rule texts and their hints, index by index. */
    @ObjectClassDefinition(name = "Herd server rules")
    public @interface Config {
        @AttributeDefinition(description = "Rule texts, in display order")
        String[] texts() default {};

        @AttributeDefinition(description = "Optional hint for each rule, same order as texts")
        String[] hints() default {};
    }

    private volatile List<Rule> rules;

    @Activate
    public ConfiguredRules(Config config) {
        this.rules = toRules(config);
    }

    @Modified
    void modified(Config config) {
        this.rules = toRules(config);
    }

    @Override
    public List<Rule> rules(Locale locale) {
        return rules;
    }

    static List<Rule> toRules(Config config) {
        String[] texts = config.texts();
        String[] hints = config.hints();
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] == null || texts[i].isBlank()) continue;
            String hint = i < hints.length ? hints[i] : "";
            out.add(new Rule(String.valueOf(i + 1), texts[i].strip(), hint));
        }
        return List.copyOf(out);
    }
}
