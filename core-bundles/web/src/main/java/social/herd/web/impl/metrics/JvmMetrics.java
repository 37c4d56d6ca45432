package social.herd.web.impl.metrics;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.metrics.Metrics;

/**
 * Registers JVM and process gauges: heap used/max, non-heap used, live and daemon threads, GC
 * collections and time (summed over collectors), uptime, and the resident set size from
 * {@code /proc/self/status} where that file exists.
 */
@Component(immediate = true)
public final class JvmMetrics {

    static final Path PROC_STATUS = Path.of("/proc/self/status");

    /** Registers the gauges. */
    @Activate
    public JvmMetrics(@Reference Metrics metrics) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

        metrics.gauge("jvm_memory_heap_used_bytes", "Heap memory in use",
                () -> memory.getHeapMemoryUsage().getUsed());
        metrics.gauge("jvm_memory_heap_max_bytes", "Maximum heap memory (-1 if undefined)",
                () -> memory.getHeapMemoryUsage().getMax());
        metrics.gauge("jvm_memory_nonheap_used_bytes", "Non-heap memory in use",
                () -> memory.getNonHeapMemoryUsage().getUsed());
        metrics.gauge("jvm_threads_live", "Live threads", threads::getThreadCount);
        metrics.gauge("jvm_threads_daemon", "Live daemon threads", threads::getDaemonThreadCount);
        metrics.gauge("jvm_gc_collection_count", "Garbage collections since start, all collectors",
                () -> collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
                        .filter(c -> c > 0).sum());
        metrics.gauge("jvm_gc_collection_seconds", "Time spent in garbage collection since start, all collectors",
                () -> collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                        .filter(t -> t > 0).sum() / 1000.0);
        metrics.gauge("process_uptime_seconds", "Time since the JVM started",
                () -> ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        if (Files.isReadable(PROC_STATUS)) {
            metrics.gauge("process_resident_memory_bytes", "Resident set size (VmRSS)", JvmMetrics::residentBytes);
        }
    }

    /** VmRSS from {@code /proc/self/status} in bytes, NaN when unreadable. */
    static double residentBytes() {
        try {
            return parseVmRss(Files.readAllLines(PROC_STATUS, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Parses a {@code VmRSS:   123456 kB} line; NaN when absent. */
    static double parseVmRss(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024.0 : value;
            }
        }
        return Double.NaN;
    }
}
