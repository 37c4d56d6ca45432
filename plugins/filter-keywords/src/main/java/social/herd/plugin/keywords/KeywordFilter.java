package social.herd.plugin.keywords;

import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.ModerationFilter;
import social.herd.spi.moderation.ModerationFilterProperties;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.SignUp;
import social.herd.spi.moderation.Verdict;

/**
 * Rejects, holds or puts a content warning on what contains configured words or patterns: local
 * posts and edits (text and content warning), incoming posts (content and summary) and sign-ups
 * (username and reason). Reject wins over hold, hold over warn.
 */
@Component(configurationPid = KeywordFilter.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@ModerationFilterProperties(service_ranking = 300, herd_filter_name = "keywords")
@Designate(ocd = KeywordFilter.Config.class)
public final class KeywordFilter implements ModerationFilter {

    static final String PID = "social.herd.filter.keywords";
    private static final Logger LOG = LoggerFactory.getLogger(KeywordFilter.class);

    /** The lists and the words shown to people. Keys have underscores ({@code x__y()} is how DS spells key {@code x_y}). */
    @ObjectClassDefinition(name = "Herd keyword filter", description = "Words or /regular expressions/ to reject, hold or warn about")
    public @interface Config {
        @AttributeDefinition(description = "Refuse what contains any of these")
        String[] reject() default {};

        @AttributeDefinition(description = "Hold for moderator review what contains any of these")
        String[] hold() default {};

        @AttributeDefinition(description = "Put a content warning on posts containing any of these")
        String[] warn() default {};

        @AttributeDefinition(description = "The error the author gets for a refused post or sign-up")
        String reject__reason() default "This contains words that are not allowed on this server";

        @AttributeDefinition(description = "The reason moderators see for a held post")
        String hold__reason() default "Contains words held for review";

        @AttributeDefinition(description = "The content warning put on posts matching the warn list")
        String warning__text() default "Filtered content";
    }

    private volatile Lists lists;

    private record Lists(WordList reject, WordList hold, WordList warn, Config config) {}

    @Activate
    public KeywordFilter(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        Lists next = new Lists(new WordList(config.reject()), new WordList(config.hold()), new WordList(config.warn()), config);
        for (WordList l : new WordList[] {next.reject(), next.hold(), next.warn()}) {
            for (String bad : l.invalid()) LOG.warn("keyword filter entry ignored, not a valid pattern entry=\"{}\"", bad);
        }
        this.lists = next;
    }

    @Override
    public Verdict review(ModerationSubject subject) {
        Lists l = lists;
        String text;
        boolean post;
        switch (subject) {
            case LocalPost p -> {
                text = p.spoilerText() + "\n" + p.text();
                post = true;
            }
            case IncomingActivity a when a.isPost() -> {
                text = a.spoilerText() + "\n" + a.plainText();
                post = true;
            }
            case SignUp s -> {
                text = s.username() + "\n" + s.reason();
                post = false;
            }
            default -> {
                return Verdict.accept();
            }
        }
        Optional<String> hit = l.reject().firstMatch(text);
        if (hit.isPresent()) return Verdict.reject(l.config().reject__reason());
        if (l.hold().firstMatch(text).isPresent()) return Verdict.hold(l.config().hold__reason());
        if (post && l.warn().firstMatch(text).isPresent()) {
            return Verdict.rewrite(l.config().warning__text(), java.util.Set.of(Verdict.Rewrite.ADD_CONTENT_WARNING));
        }
        return Verdict.accept();
    }
}
