package social.herd.oauth.impl.store;

import org.apache.ibatis.annotations.Param;

/** {@code oauth_keys}: server-side keys shared by every node; SQL in KeyMapper.xml. */
public interface KeyMapper {

    /** Stores {@code value} unless a key of that name exists (the first node to start wins). */
    void insertIfAbsent(@Param("name") String name, @Param("value") String value);

    String value(@Param("name") String name);
}
