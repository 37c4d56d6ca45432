package social.herd.api.kv;

import java.time.Duration;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A shared string cache. Losing an entry is always allowed: a read that times out or finds Redis
 * away answers empty, a write that fails is dropped. Never the only copy of anything.
 */
@ProviderType
public interface Cache {
    Optional<String> get(String key);

    void put(String key, String value, Duration ttl);

    void delete(String key);
}
