package social.herd.spi.moderation;

import java.util.List;
import java.util.Objects;

/**
 * An activity from another server, before anything of it is stored: a post (Create or Update of
 * a Note and the like), a boost, a follow, a report... Filters decide on the same verdicts as for
 * local posts; for non-post activities only accept and reject are meaningful.
 *
 * @param type        the activity type ({@code Create}, {@code Update}, {@code Announce}, {@code Follow}, ...)
 * @param actorUri    the sending actor's id
 * @param domain      the sending server's domain
 * @param objectType  the object's type for Create/Update ({@code Note}, {@code Question}, ...), else empty
 * @param contentHtml the post's sanitised HTML, or empty
 * @param spoilerText the content warning, or empty
 * @param sensitive   whether the sender marked it sensitive
 * @param visibility  {@code public}, {@code unlisted}, {@code private} or {@code direct} as inferred
 * @param mediaCount  attachments
 * @param mentions    mentioned actor ids
 * @since 1.1
 */
public record IncomingActivity(String type, String actorUri, String domain, String objectType, String contentHtml,
                               String spoilerText, boolean sensitive, String visibility, int mediaCount,
                               List<String> mentions) implements ModerationSubject {
    public IncomingActivity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actorUri, "actorUri");
        domain = domain == null ? "" : domain;
        objectType = objectType == null ? "" : objectType;
        contentHtml = contentHtml == null ? "" : contentHtml;
        spoilerText = spoilerText == null ? "" : spoilerText;
        visibility = visibility == null ? "public" : visibility;
        mentions = List.copyOf(mentions == null ? List.of() : mentions);
    }
}
