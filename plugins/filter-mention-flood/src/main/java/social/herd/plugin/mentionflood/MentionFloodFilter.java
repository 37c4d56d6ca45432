package social.herd.plugin.mentionflood;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.ModerationContext;
import social.herd.spi.moderation.ModerationFilter;
import social.herd.spi.moderation.ModerationFilterProperties;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.Verdict;

/**
 * Posts that mention more than a set number of accounts — the shape of mention spam — are
 * refused or held, local ones and edits as well as incoming ones.
 */
@Component(configurationPid = MentionFloodFilter.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@ModerationFilterProperties(service_ranking = 400, herd_filter_name = "mention-flood",
        herd_filter_contexts = {ModerationContext.LOCAL_POST, ModerationContext.EDIT, ModerationContext.INCOMING})
@Designate(ocd = MentionFloodFilter.Config.class)
public final class MentionFloodFilter implements ModerationFilter {

    static final String PID = "social.herd.filter.mention_flood";

    /** The limit and what to do above it. Keys have underscores ({@code x__y()} is how DS spells key {@code x_y}). */
    @ObjectClassDefinition(name = "Herd mention flood filter")
    public @interface Config {
        @AttributeDefinition(description = "Most mentions a post may have")
        int max__mentions() default 10;

        @AttributeDefinition(description = "What happens to a post with more: reject or hold",
                options = {@org.osgi.service.metatype.annotations.Option(value = "reject"),
                        @org.osgi.service.metatype.annotations.Option(value = "hold")})
        String action() default "reject";
    }

    private volatile Config config;

    @Activate
    public MentionFloodFilter(Config config) {
        this.config = config;
    }

    @Modified
    void modified(Config changed) {
        this.config = changed;
    }

    @Override
    public Verdict review(ModerationSubject subject) {
        int mentions = switch (subject) {
            case LocalPost p -> p.mentions().size();
            case IncomingActivity a when a.isPost() -> a.mentions().size();
            default -> 0;
        };
        Config c = config;
        if (mentions <= Math.max(0, c.max__mentions())) return Verdict.accept();
        String reason = "Too many mentions (" + mentions + ", at most " + c.max__mentions() + " allowed)";
        return "hold".equalsIgnoreCase(c.action().strip()) ? Verdict.hold(reason) : Verdict.reject(reason);
    }
}
