package social.herd.media.impl.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL on {@code media_attachments}; statements in MediaMapper.xml beside this interface. */
public interface MediaMapper {

    void insert(MediaRow row);

    MediaRow byId(@Param("id") long id);

    /** The row, locked until the transaction ends. */
    MediaRow lock(@Param("id") long id);

    /** Rows by id, locked, in id order (a stable order avoids deadlocks between two attaches). */
    List<MediaRow> lockAll(@Param("ids") Collection<Long> ids);

    int updateDescription(@Param("id") long id, @Param("description") String description,
                          @Param("focusX") float focusX, @Param("focusY") float focusY);

    /** Stores a processing result; only while the row is still processing (a retried job does nothing). */
    int markReady(MediaRow row);

    int markFailed(@Param("id") long id, @Param("failure") String failure);

    int attach(@Param("id") long id, @Param("statusId") long statusId, @Param("position") int position);

    /** Media of these statuses in attachment order. */
    List<MediaRow> byStatuses(@Param("statusIds") Collection<Long> statusIds);

    /** Detaches and returns a status's media. */
    List<MediaRow> detach(@Param("statusId") long statusId);

    /** Deletes rows and returns them (for their files). */
    List<MediaRow> deleteByStatus(@Param("statusId") long statusId);

    /** Unattached rows created before {@code before}, oldest first. */
    List<MediaRow> unattachedBefore(@Param("before") Instant before, @Param("limit") int limit);

    /** Deletes a row if it is still unattached; null when it is not (any more). */
    MediaRow deleteUnattached(@Param("id") long id);
}
