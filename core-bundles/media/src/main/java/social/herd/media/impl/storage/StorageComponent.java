package social.herd.media.impl.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.config.ServerSettings;

/**
 * The media {@link Storage} service: the local disk unless PID {@value S3Settings#PID} says
 * {@code type=s3} (keys in {@link S3Settings}). A changed configuration re-creates this component
 * and, through DS, everything that uses it. Settings that cannot work (a missing bucket, an
 * unreadable secret file) fail the activation with one line naming the key: media then stays
 * unavailable rather than landing silently somewhere else.
 */
@Component(service = Storage.class, configurationPid = S3Settings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class StorageComponent implements Storage {

    private static final Logger LOG = LoggerFactory.getLogger(StorageComponent.class);

    private final Storage delegate;

    @Activate
    public StorageComponent(@Reference ServerSettings server, Map<String, Object> properties) {
        this.delegate = create(properties, server.dataDir(), server.publicUrl() + "/system/");
        LOG.info("media storage: {}", delegate instanceof S3Storage s3 ? s3 : "local " + server.dataDir().resolve("media"));
    }

    /**
     * The storage these properties choose.
     *
     * @param localUrl the URL the web bundle serves {@code <dataDir>/media} at
     * @throws IllegalArgumentException for settings that cannot work, naming the key
     */
    public static Storage create(Map<String, ?> properties, Path dataDir, String localUrl) {
        try {
            return S3Settings.wanted(properties) ? new S3Storage(S3Settings.from(properties)) : new LocalStorage(dataDir, localUrl);
        } catch (IllegalArgumentException e) {
            LOG.error("media storage not usable: {}", e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        if (delegate instanceof S3Storage s3) s3.close();
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        delegate.put(key, bytes, contentType);
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        delegate.put(key, file, contentType);
    }

    @Override
    public InputStream get(String key) throws IOException {
        return delegate.get(key);
    }

    @Override
    public void delete(String key) throws IOException {
        delegate.delete(key);
    }

    @Override
    public String url(String key) {
        return delegate.url(key);
    }
}
