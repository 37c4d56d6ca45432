package social.herd.admin.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.instance.ServerRules;
import social.herd.spi.rules.Rule;
import social.herd.spi.rules.RuleProvider;

/**
 * Collects the server rules of every {@link RuleProvider} plugin. Providers come and go while the
 * server runs (a plugin jar dropped into or removed from deploy/); each read sees the current set.
 * A provider that throws is skipped so one broken plugin cannot hide the others' rules.
 */
@Component(service = {RuleRegistry.class, ServerRules.class})
public final class RuleRegistry implements ServerRules {

    private static final Logger LOG = LoggerFactory.getLogger(RuleRegistry.class);

    /** Highest ranking first, then oldest service first: the order ServiceReference sorts in, reversed. */
    private final Map<ServiceReference<RuleProvider>, RuleProvider> providers =
            new ConcurrentSkipListMap<>((a, b) -> b.compareTo(a));

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ServiceReference<RuleProvider> ref, RuleProvider provider) {
        providers.put(ref, provider);
    }

    void removeProvider(ServiceReference<RuleProvider> ref) {
        providers.remove(ref);
    }

    /** Every current rule, in display order; ids are unique (a repeated id gets its provider's service id appended). */
    @Override
    public List<Rule> current(Locale locale) {
        List<Rule> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<ServiceReference<RuleProvider>, RuleProvider> e : providers.entrySet()) {
            List<Rule> some;
            try {
                some = e.getValue().rules(locale);
            } catch (RuntimeException ex) {
                LOG.warn("rule provider failed, skipped provider={} error={}", e.getKey().getProperty(Constants.SERVICE_ID), ex.toString());
                continue;
            }
            if (some == null) continue;
            for (Rule r : some) {
                String id = seen.add(r.id()) ? r.id() : r.id() + "-" + e.getKey().getProperty(Constants.SERVICE_ID);
                seen.add(id);
                out.add(id.equals(r.id()) ? r : new Rule(id, r.text(), r.hint()));
            }
        }
        return out;
    }
}
