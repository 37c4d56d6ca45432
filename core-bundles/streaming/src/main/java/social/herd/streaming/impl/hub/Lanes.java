package social.herd.streaming.impl.hub;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Single-threaded dispatch lanes, chosen by viewer: one viewer's messages are rendered in the order
 * they arrived (an update never overtakes its delete), different viewers' in parallel. Rendering
 * reads the database, so there are few lanes (the node's pool is shared with the API), each with a
 * bounded backlog; what does not fit is dropped and counted, never queued without bound.
 */
final class Lanes {

    private final ThreadPoolExecutor[] lanes;

    Lanes(int count, int backlog) {
        lanes = new ThreadPoolExecutor[Math.max(1, count)];
        for (int i = 0; i < lanes.length; i++) {
            String name = "herd-streaming-dispatch-" + i;
            lanes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, backlog)),
                    r -> {
                        Thread t = new Thread(r, name);
                        t.setDaemon(true);
                        return t;
                    });
        }
    }

    /** Runs {@code task} on the viewer's lane; false when that lane's backlog is full. */
    boolean submit(long viewerId, Runnable task) {
        try {
            lanes[Math.floorMod(Long.hashCode(viewerId), lanes.length)].execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    void shutdown() {
        for (ThreadPoolExecutor lane : lanes) lane.shutdownNow();
    }
}
