package social.herd.statuses.impl.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * Edits and pins of statuses; statements in EditMapper.xml. Both belong to a status's author, and
 * neither is read by the timelines.
 */
public interface EditMapper {

    /** The live status, locked until the transaction ends, so that two edits apply one after the other. */
    StatusRow lock(@Param("id") long id);

    /** Stores the earlier version {@code e} (its id and status id included). */
    int insertEdit(EditRow e);

    /** Earlier versions of a status, oldest first. */
    List<EditRow> edits(@Param("statusId") long statusId);

    /** Writes the edited fields and {@code edited_at}. */
    int update(@Param("id") long id, @Param("text") String text, @Param("content") String content,
               @Param("spoilerText") String spoilerText, @Param("sensitive") boolean sensitive,
               @Param("language") String language, @Param("visibility") String visibility, @Param("held") boolean held,
               @Param("withMedia") boolean withMedia, @Param("now") Instant now);

    int deleteMentions(@Param("statusId") long statusId);

    int deleteTags(@Param("statusId") long statusId);

    // ---- pins

    /** Serialises the pins of one account (the limit check is then exact). */
    int lockPins(@Param("accountId") long accountId);

    /** 1 when pinned now, 0 when it already was. */
    int pin(@Param("id") long id, @Param("accountId") long accountId, @Param("statusId") long statusId,
            @Param("now") Instant now);

    int unpin(@Param("accountId") long accountId, @Param("statusId") long statusId);

    /** The account's pins of statuses that are not deleted. */
    int countPins(@Param("accountId") long accountId);

    List<Long> pinnedAmong(@Param("accountId") long accountId, @Param("ids") Collection<Long> ids);
}
