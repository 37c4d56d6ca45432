package social.herd.media.impl.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where media files live, by key ({@code 1a/2b/<random>.jpg}). Keys are unguessable, so a URL is
 * the only capability needed to read a file; keys ending in an extension that is not a media type
 * (such as {@code .upload}) are stored but never served. {@link LocalStorage} is the default;
 * {@link S3Storage} implements the same contract on S3-compatible object storage, chosen by
 * configuration ({@link StorageComponent}).
 */
public interface Storage {

    /** Stores {@code bytes} under {@code key}, replacing what was there; readers never see half a file. */
    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** Stores the content of {@code file} (a transcoded video) without reading it into memory. */
    void put(String key, Path file, String contentType) throws IOException;

    /**
     * The stored bytes; the caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException when nothing is stored under {@code key}
     */
    InputStream get(String key) throws IOException;

    /** Removes the file; a missing key is no error (deletes are retried and must be idempotent). */
    void delete(String key) throws IOException;

    /** The public URL of a stored file. */
    String url(String key);
}
