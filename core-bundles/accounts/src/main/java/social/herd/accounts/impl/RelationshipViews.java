package social.herd.accounts.impl;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import social.herd.accounts.impl.db.RelationshipRow;
import social.herd.web.api.Json;

/** Relationship rows to Mastodon API entities (Relationship, FamiliarFollowers, muted Account). */
public final class RelationshipViews {

    /**
     * Mastodon's Relationship entity, components in Mastodon's order. {@code languages} is null
     * when not following (or following in every language).
     */
    public record Relationship(String id, boolean following, boolean showingReblogs, boolean notifying,
                               List<String> languages, boolean followedBy, boolean blocking, boolean blockedBy,
                               boolean muting, boolean mutingNotifications, boolean requested, boolean requestedBy,
                               boolean domainBlocking, boolean endorsed, String note) {}

    /** Mastodon's FamiliarFollowers: accounts the viewer follows that follow account {@code id}. */
    public record FamiliarFollowers(String id, List<AccountViews.Account> accounts) {}

    /** An Account as {@code GET /api/v1/mutes} lists it: with the mute's end, null for "until unmuted". */
    public record MutedAccount(@JsonUnwrapped AccountViews.Account account, Instant muteExpiresAt) {}

    /**
     * One page of a list paginated by relationship row ids.
     *
     * @param nextMaxId the {@code max_id} of the next (older) page, null when this page is not full
     * @param prevMinId the {@code min_id} of the previous (newer) page, null when this page is empty
     */

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private RelationshipViews() {}

    public static Relationship relationship(RelationshipRow r) {
        return new Relationship(Long.toString(r.id()), r.following(), r.showingReblogs(), r.notifying(),
                languages(r.languages()), r.followedBy(), r.blocking(), r.blockedBy(), r.muting(),
                r.mutingNotifications(), r.requested(), r.requestedBy(), r.domainBlocking(), false, r.note());
    }

    /** The languages from their JSON array text; null (every language) stays null. */
    static List<String> languages(String json) {
        if (json == null) return null;
        try {
            return Json.mapper().readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("languages is not a JSON array: " + json, e);
        }
    }
}
