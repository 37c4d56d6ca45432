package social.herd.api.kv;

import java.time.Duration;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Short cluster-wide mutual exclusion with a lease, e.g. "one node refreshes this remote actor". */
@ProviderType
public interface ClusterLocks {

    /**
     * Takes the named lock without waiting. The lease bounds how long a crashed holder can keep it.
     *
     * @return the held lock, or empty when someone else holds it or the lock service is unavailable
     */
    Optional<Held> tryLock(String name, Duration lease);

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
