package social.herd.plugin.linkspam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import social.herd.spi.moderation.Author;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.ModerationContext;
import social.herd.spi.moderation.ModerationFilter;
import social.herd.spi.moderation.ModerationFilterProperties;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.Verdict;

/**
 * Newcomer link and mention spam, after Akkoma's AntiLinkSpamPolicy and GoToSocial's spam filter:
 * an account younger than {@code min_account_age_days} or with fewer than {@code min_followers}
 * followers here is a newcomer. A newcomer's post is held (or refused) when it mentions at least
 * {@code max_stranger_mentions} accounts that do not follow it, or when it has links and either is
 * local or reaches someone here who does not follow it. Incoming posts of a newcomer that only
 * reach its followers are left alone: that is ordinary federation, not unsolicited contact.
 */
@Component(configurationPid = LinkSpamFilter.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@ModerationFilterProperties(service_ranking = 200, herd_filter_name = "link-spam",
        herd_filter_contexts = {ModerationContext.LOCAL_POST, ModerationContext.EDIT, ModerationContext.INCOMING})
@Designate(ocd = LinkSpamFilter.Config.class)
public final class LinkSpamFilter implements ModerationFilter {

    static final String PID = "social.herd.filter.link_spam";

    /** Who counts as a newcomer, and what happens to their spam-shaped posts. Keys have underscores ({@code x__y()} is how DS spells key {@code x_y}). */
    @ObjectClassDefinition(name = "Herd newcomer link spam filter")
    public @interface Config {
        @AttributeDefinition(description = "Accounts younger than this many days are newcomers (remote: since first seen here)")
        int min__account__age__days() default 7;

        @AttributeDefinition(description = "Accounts with fewer followers than this are newcomers")
        int min__followers() default 1;

        @AttributeDefinition(description = "A newcomer's post mentioning this many accounts that do not follow it is spam-shaped")
        int max__stranger__mentions() default 2;

        @AttributeDefinition(description = "What happens to a spam-shaped post: hold or reject")
        String action() default "hold";
    }

    private final Clock clock;
    private volatile Config config;

    @Activate
    public LinkSpamFilter(Config config) {
        this(config, Clock.systemUTC());
    }

    LinkSpamFilter(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Modified
    void modified(Config changed) {
        this.config = changed;
    }

    @Override
    public Verdict review(ModerationSubject subject) {
        Author author;
        int links;
        int strangers;
        switch (subject) {
            case LocalPost p -> {
                author = p.author();
                links = p.links().size();
                strangers = p.strangerMentions();
            }
            case IncomingActivity a when a.isPost() -> {
                author = a.author();
                links = a.links().size();
                strangers = a.strangerMentions();
            }
            default -> {
                return Verdict.accept();
            }
        }
        Config c = config;
        if (!newcomer(author, c)) return Verdict.accept();
        boolean strangersFlood = strangers >= Math.max(1, c.max__stranger__mentions());
        boolean unsolicitedLinks = links > 0 && (author.local() || strangers > 0);
        if (!strangersFlood && !unsolicitedLinks) return Verdict.accept();
        String reason = strangersFlood ? "New account mentioning " + strangers + " accounts that do not follow it"
                : "New account posting links";
        return "reject".equalsIgnoreCase(c.action().strip()) ? Verdict.reject(reason) : Verdict.hold(reason);
    }

    private boolean newcomer(Author a, Config c) {
        Instant created = a.createdAt();
        boolean young = !Instant.EPOCH.equals(created)
                && Duration.between(created, clock.instant()).compareTo(Duration.ofDays(Math.max(0, c.min__account__age__days()))) < 0;
        return young || a.followersCount() < c.min__followers();
    }
}
