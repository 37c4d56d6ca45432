package social.herd.streaming.impl;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import social.herd.api.kv.PubSub;
import social.herd.kv.impl.KvPubSub;
import social.herd.kv.impl.RedisBackend;

/** One node's real PubSub from the kv bundle, on a real Redis (or in-process), built as DS builds it. */
public final class KvNode implements AutoCloseable {

    public final PubSub pubSub;
    private final RedisBackend backend;
    private final KvPubSub kv;

    private KvNode(Map<String, Object> config) {
        backend = new RedisBackend(new HashMap<>(config));
        kv = new KvPubSub(backend);
        pubSub = kv;
    }

    public static KvNode redis(String url) {
        return new KvNode(Map.of("url", url));
    }

    public static KvNode inProcess() {
        return new KvNode(Map.of());
    }

    @Override
    public void close() {
        deactivate(kv);
        deactivate(backend);
    }

    /** The components' deactivate methods are package-private (DS calls them); so do we, reflectively. */
    private static void deactivate(Object component) {
        try {
            Method m = component.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(component);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
