package social.herd.streaming.impl.hub;

import java.util.function.IntSupplier;
import social.herd.api.metrics.Metrics;

/** The streaming metrics of this node; every label has a handful of values. */
final class StreamingMetrics {

    private final Metrics.Counter opened;
    private final Metrics.Counter closed;
    private final Metrics.Counter refused;
    private final Metrics.Counter delivered;
    private final Metrics.Counter dropped;

    StreamingMetrics(Metrics metrics, IntSupplier open, IntSupplier accounts) {
        opened = metrics.counter("herd_streaming_connections_total", "Stream connections opened.", "transport");
        closed = metrics.counter("herd_streaming_disconnects_total",
                "Stream connections ended, by reason (slow_client: outbox overflow or no pong).", "reason");
        refused = metrics.counter("herd_streaming_refused_total",
                "Stream connections refused (bad token, scopes, limits).", "reason");
        delivered = metrics.counter("herd_streaming_events_total", "Events queued to stream connections.", "event");
        dropped = metrics.counter("herd_streaming_dropped_total",
                "Stream messages dropped before rendering because the dispatch lanes were full.", "reason");
        metrics.gauge("herd_streaming_connections", "Open stream connections on this node.", open::getAsInt);
        metrics.gauge("herd_streaming_accounts", "Accounts with an open stream on this node.", accounts::getAsInt);
    }

    void opened(String transport) { opened.inc(transport); }

    void closed(CloseReason reason) { closed.inc(reason.label()); }

    void refused(String reason) { refused.inc(reason); }

    void delivered(String event) { delivered.inc(event); }

    void dropped(String reason) { dropped.inc(reason); }
}
