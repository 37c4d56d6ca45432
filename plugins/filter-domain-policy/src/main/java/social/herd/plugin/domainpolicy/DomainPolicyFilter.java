package social.herd.plugin.domainpolicy;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.ModerationContext;
import social.herd.spi.moderation.ModerationFilter;
import social.herd.spi.moderation.ModerationFilterProperties;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.Verdict;
import social.herd.spi.moderation.Verdict.Rewrite;

/**
 * Per remote domain policies for what arrives from other servers, after Akkoma's SimplePolicy:
 * refuse everything, mark media sensitive, strip media, or keep posts off the public timelines
 * (unlisted). An entry matches its domain and every subdomain; {@code *.example.com} is the same
 * as {@code example.com}.
 */
@Component(configurationPid = DomainPolicyFilter.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@ModerationFilterProperties(service_ranking = 500, herd_filter_name = "domain-policy",
        herd_filter_contexts = ModerationContext.INCOMING)
@Designate(ocd = DomainPolicyFilter.Config.class)
public final class DomainPolicyFilter implements ModerationFilter {

    static final String PID = "social.herd.filter.domain_policy";

    /** One list of domains per policy. Keys have underscores ({@code x__y()} is how DS spells key {@code x_y}). */
    @ObjectClassDefinition(name = "Herd domain policy filter", description = "Akkoma-style SimplePolicy for incoming activities")
    public @interface Config {
        @AttributeDefinition(description = "Refuse every activity from these domains")
        String[] reject() default {};

        @AttributeDefinition(description = "Mark posts with media from these domains sensitive")
        String[] media__nsfw() default {};

        @AttributeDefinition(description = "Remove media from posts of these domains")
        String[] media__removal() default {};

        @AttributeDefinition(description = "Keep public posts of these domains off the public timelines (unlisted)")
        String[] federated__timeline__removal() default {};
    }

    private record Lists(List<String> reject, List<String> nsfw, List<String> removal, List<String> unlisted) {}

    private volatile Lists lists;

    @Activate
    public DomainPolicyFilter(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config c) {
        lists = new Lists(normalise(c.reject()), normalise(c.media__nsfw()), normalise(c.media__removal()),
                normalise(c.federated__timeline__removal()));
    }

    @Override
    public Verdict review(ModerationSubject subject) {
        if (!(subject instanceof IncomingActivity a)) return Verdict.accept();
        Lists l = lists;
        String domain = host(a.domain());
        if (matches(l.reject(), domain)) return Verdict.reject("Activities from " + domain + " are not accepted here");
        if (!a.isPost()) return Verdict.accept();
        Set<Rewrite> rewrites = EnumSet.noneOf(Rewrite.class);
        if (a.mediaCount() > 0 && matches(l.nsfw(), domain)) rewrites.add(Rewrite.MARK_SENSITIVE);
        if (a.mediaCount() > 0 && matches(l.removal(), domain)) rewrites.add(Rewrite.STRIP_MEDIA);
        if ("public".equals(a.visibility()) && matches(l.unlisted(), domain)) rewrites.add(Rewrite.LOWER_VISIBILITY);
        return rewrites.isEmpty() ? Verdict.accept() : Verdict.rewrite("domain policy for " + domain, rewrites);
    }

    private static boolean matches(List<String> entries, String domain) {
        for (String e : entries) {
            if (domain.equals(e) || domain.endsWith("." + e)) return true;
        }
        return false;
    }

    /** The host without port, lower case and without a trailing dot. */
    private static String host(String domain) {
        String d = domain.toLowerCase(Locale.ROOT).strip();
        int colon = d.lastIndexOf(':');
        if (colon > 0 && d.indexOf(']') < colon) d = d.substring(0, colon);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static List<String> normalise(String[] entries) {
        return java.util.Arrays.stream(entries == null ? new String[0] : entries)
                .map(e -> e == null ? "" : host(e.strip().replaceFirst("^\\*\\.", "")))
                .filter(e -> !e.isEmpty()).distinct().toList();
    }
}
