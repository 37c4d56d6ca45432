package social.herd.spi.moderation;

import java.util.List;
import java.util.Objects;

/**
 * An activity from another server, before anything of it is stored: a post (Create or Update of
 * a Note and the like), a boost, a follow, a report... Filters decide on the same verdicts as for
 * local posts; for non-post activities only accept and reject are meaningful.
 *
 * @param type             the activity type ({@code Create}, {@code Update}, {@code Announce}, {@code Follow}, ...)
 * @param actorUri         the sending actor's id
 * @param domain           the sending server's domain
 * @param objectType       the object's type for Create/Update ({@code Note}, {@code Question}, ...), else empty
 * @param contentHtml      the post's sanitised HTML, or empty
 * @param spoilerText      the content warning, or empty
 * @param sensitive        whether the sender marked it sensitive
 * @param visibility       {@code public}, {@code unlisted}, {@code private} or {@code direct} as inferred
 * @param mediaCount       attachments
 * @param mentions         mentioned actor ids
 * @param author           what this server knows about the sender (since 1.2)
 * @param links            the http(s) links in the content, mentions and hashtags excluded (since 1.2)
 * @param strangerMentions how many mentioned local accounts do not follow the sender (since 1.2)
 * @since 1.1
 */
public record IncomingActivity(String type, String actorUri, String domain, String objectType, String contentHtml,
                               String spoilerText, boolean sensitive, String visibility, int mediaCount,
                               List<String> mentions, Author author, List<String> links, int strangerMentions)
        implements ModerationSubject {
    public IncomingActivity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actorUri, "actorUri");
        domain = domain == null ? "" : domain;
        objectType = objectType == null ? "" : objectType;
        contentHtml = contentHtml == null ? "" : contentHtml;
        spoilerText = spoilerText == null ? "" : spoilerText;
        visibility = visibility == null ? "public" : visibility;
        mentions = List.copyOf(mentions == null ? List.of() : mentions);
        author = author == null ? Author.unknown(actorUri, domain) : author;
        links = List.copyOf(links == null ? List.of() : links);
    }

    /** The 1.1 shape: no author facts, no links, no stranger count. */
    public IncomingActivity(String type, String actorUri, String domain, String objectType, String contentHtml,
                            String spoilerText, boolean sensitive, String visibility, int mediaCount, List<String> mentions) {
        this(type, actorUri, domain, objectType, contentHtml, spoilerText, sensitive, visibility, mediaCount, mentions,
                null, null, 0);
    }

    /**
     * The content as plain text: tags removed (block ends become spaces, so words do not run
     * together) and the entities the sanitiser leaves decoded. For word filters.
     *
     * @since 1.2
     */
    public String plainText() {
        String text = contentHtml.replaceAll("(?i)<br\\s*/?>|</p>", " ").replaceAll("<[^>]*>", "");
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&apos;", "'").replace("&nbsp;", " ").replace("&amp;", "&").strip();
    }

    /** True for posts (Create or Update of an object), false for follows, boosts and the like. */
    public boolean isPost() {
        return !objectType.isEmpty() && (type.equals("Create") || type.equals("Update"));
    }

    @Override
    public ModerationContext context() {
        return ModerationContext.INCOMING;
    }
}
