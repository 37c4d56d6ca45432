package social.herd.platform;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/** A MyBatis mapper for tests; its SQL is in NoteMapper.xml beside it. */
public interface NoteMapper {

    /** A row of {@code notes}. */
    record Note(long id, String body, java.time.OffsetDateTime createdAt) {}

    int insert(@Param("id") long id, @Param("body") String body);

    List<Note> all();

    int count();
}
