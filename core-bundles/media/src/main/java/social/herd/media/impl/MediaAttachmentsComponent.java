package social.herd.media.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.media.MediaAttachments;
import social.herd.media.impl.db.MediaMapper;
import social.herd.media.impl.db.MediaRow;

/** Media as the statuses bundle uses it: attach in its transaction, detach, render. */
@Component(service = MediaAttachments.class)
public final class MediaAttachmentsComponent implements MediaAttachments {

    /** Mastodon's limit per status. */
    static final int MAX_PER_STATUS = 4;

    private final Database db;
    private final MediaService media;

    @Activate
    public MediaAttachmentsComponent(@Reference Database db, @Reference MediaService media,
                                     @Reference(target = "(herd.schema=social.herd.media)") SchemaReady schema) {
        this(db, media);
    }

    /** For tests and embedding. */
    public MediaAttachmentsComponent(Database db, MediaService media) {
        this.db = db;
        this.media = media;
    }

    @Override
    public void attach(Tx tx, long accountId, long statusId, List<Long> mediaIds) {
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(mediaIds));
        if (ids.isEmpty()) return;
        if (ids.size() > MAX_PER_STATUS) {
            throw new IllegalArgumentException("A status can have at most " + MAX_PER_STATUS + " media attachments");
        }
        MediaMapper mapper = tx.mapper(MediaMapper.class);
        Map<Long, MediaRow> rows = new LinkedHashMap<>();
        for (MediaRow row : mapper.lockAll(ids)) rows.put(row.id(), row);
        for (long id : ids) {
            MediaRow row = rows.get(id);
            if (row == null) throw new IllegalArgumentException("Media attachment " + id + " does not exist");
            if (row.accountId() != accountId) {
                throw new IllegalArgumentException("Media attachment " + id + " belongs to another account");
            }
            if (row.statusId() != null && row.statusId() != statusId) {
                throw new IllegalArgumentException("Media attachment " + id + " is already attached to another status");
            }
            if (MediaRow.PROCESSING.equals(row.state())) {
                throw new IllegalArgumentException("Media attachment " + id + " is still processing; try again shortly");
            }
            if (!MediaRow.READY.equals(row.state())) {
                throw new IllegalArgumentException("Media attachment " + id + " could not be processed");
            }
        }
        for (int position = 0; position < ids.size(); position++) {
            mapper.attach(ids.get(position), statusId, position);
        }
    }

    @Override
    public void detach(Tx tx, long statusId, boolean delete) {
        MediaMapper mapper = tx.mapper(MediaMapper.class);
        if (!delete) {
            // back to unattached: the cleanup task removes them once they are old enough
            mapper.detach(statusId);
            return;
        }
        List<String> keys = mapper.deleteByStatus(statusId).stream().flatMap(r -> r.keys().stream()).toList();
        if (!keys.isEmpty()) tx.afterCommit(() -> media.deleteQuietly(keys));
    }

    @Override
    public Map<Long, List<Object>> forStatuses(Collection<Long> statusIds) {
        List<Long> ids = statusIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) return Map.of();
        List<MediaRow> rows = db.read(tx -> tx.mapper(MediaMapper.class).byStatuses(ids));
        MediaViews views = media.views();
        Map<Long, List<Object>> out = new LinkedHashMap<>();
        for (MediaRow row : rows) out.computeIfAbsent(row.statusId(), k -> new ArrayList<>()).add(views.entity(row));
        return out;
    }
}
