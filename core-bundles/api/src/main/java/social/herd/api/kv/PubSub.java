package social.herd.api.kv;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Fire-and-forget messages across nodes (streaming fan-out, cache invalidation). Delivery is best
 * effort: while Redis is away, messages reach subscribers on the same node only.
 */
@ProviderType
public interface PubSub {

    void publish(String channel, String message);

    /** Subscribes until the returned handle is closed. The listener must not block. */
    Subscription subscribe(String channel, Consumer<String> listener);

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
