package social.herd.media.impl.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where media files live, by key ({@code 1a/2b/<random>.jpg}). Keys are unguessable, so a URL is
 * the only capability needed to read a file; keys ending in an extension that is not a media type
 * (such as {@code .upload}) are stored but never served. The local-disk implementation is the
 * embedded default; an S3-compatible one implements the same contract.
 */
public interface Storage {

    /** Stores {@code bytes} under {@code key}, replacing what was there; readers never see half a file. */
    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** The stored bytes; the caller closes the stream. */
    InputStream get(String key) throws IOException;

    /** Removes the file; a missing key is no error (deletes are retried and must be idempotent). */
    void delete(String key) throws IOException;

    /** The public URL of a stored file. */
    String url(String key);
}
