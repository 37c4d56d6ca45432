package social.herd.api.media;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import social.herd.api.db.Tx;

/** Uploaded media, from the statuses bundle's point of view. Implemented by the media bundle. */
@ProviderType
public interface MediaAttachments {

    /**
     * Attaches media the author uploaded and has not attached yet, in the caller's transaction.
     *
     * @throws IllegalArgumentException naming the problem (unknown id, another account's media,
     *                                  already attached, still processing) — an API 422
     */
    void attach(Tx tx, long accountId, long statusId, List<Long> mediaIds);

    /** Detaches a status's media (when it is deleted); with {@code delete} the files go too. */
    void detach(Tx tx, long statusId, boolean delete);

    /**
     * Mastodon MediaAttachment entities for each status, in attachment order, ready to serialise
     * with the web bundle's JSON setup. Statuses without media are absent from the map.
     */
    Map<Long, List<Object>> forStatuses(Collection<Long> statusIds);
}
