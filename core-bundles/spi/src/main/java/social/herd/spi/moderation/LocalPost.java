package social.herd.spi.moderation;

import java.util.List;
import java.util.Objects;

/**
 * A post (or an edit of one) by a local account, before it is stored.
 *
 * @param accountId        the author's account
 * @param username         the author's username
 * @param text             the text as written (not yet rendered)
 * @param spoilerText      the content warning, or empty
 * @param sensitive        whether the author marked the media sensitive
 * @param visibility       public, unlisted, private or direct
 * @param mediaCount       how many media are attached
 * @param mentions         the usernames mentioned ({@code alice} or {@code bob@example.com})
 * @param edit             true for an edit of an existing post
 * @param author           what is known about the author (since 1.2)
 * @param links            the http(s) links in the text, in order (since 1.2)
 * @param strangerMentions how many mentioned accounts do not follow the author (since 1.2)
 */
public record LocalPost(long accountId, String username, String text, String spoilerText, boolean sensitive,
                        String visibility, int mediaCount, List<String> mentions, boolean edit, Author author,
                        List<String> links, int strangerMentions) implements ModerationSubject {
    public LocalPost {
        Objects.requireNonNull(username, "username");
        text = text == null ? "" : text;
        spoilerText = spoilerText == null ? "" : spoilerText;
        mentions = List.copyOf(mentions == null ? List.of() : mentions);
        author = author == null ? Author.unknown(username, "") : author;
        links = List.copyOf(links == null ? List.of() : links);
    }

    /** The 1.1 shape: no author facts, no links, no stranger count. */
    public LocalPost(long accountId, String username, String text, String spoilerText, boolean sensitive,
                     String visibility, int mediaCount, List<String> mentions, boolean edit) {
        this(accountId, username, text, spoilerText, sensitive, visibility, mediaCount, mentions, edit, null, null, 0);
    }

    @Override
    public ModerationContext context() {
        return edit ? ModerationContext.EDIT : ModerationContext.LOCAL_POST;
    }
}
