package social.herd.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import social.herd.platform.impl.id.TimeSortableIdGenerator;

class IdGeneratorTest {

    @Test
    void idsIncreaseStrictlyAndDecodeToTheirCreationTime() {
        TimeSortableIdGenerator ids = new TimeSortableIdGenerator();
        Instant before = Instant.now().minusMillis(1);
        long previous = 0;
        for (int i = 0; i < 200_000; i++) {
            long id = ids.nextId();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        Instant after = Instant.now().plusMillis(1);
        long id = ids.nextId();
        // 200k ids may run a few ms ahead of the clock when sequences overflow; never behind
        assertThat(ids.timeOf(id)).isAfterOrEqualTo(before).isBefore(after.plusSeconds(1));
        assertThat(ids.lowestIdAt(ids.timeOf(id))).isLessThanOrEqualTo(id);
        assertThat(ids.lowestIdAt(ids.timeOf(id).plusMillis(1))).isGreaterThan(id);
    }

    @Test
    void clockSteppingBackDoesNotBreakOrder() {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        TimeSortableIdGenerator ids = new TimeSortableIdGenerator(clock);
        long a = ids.nextId();
        clock.millis = 1_600_000_000_000L;
        long b = ids.nextId();
        assertThat(b).isGreaterThan(a);
        assertThat(ids.timeOf(a)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        clock.millis = 1_700_000_000_005L;
        assertThat(ids.timeOf(ids.nextId())).isEqualTo(Instant.ofEpochMilli(1_700_000_000_005L));
    }

    @Test
    void uniqueAcrossThreads() throws Exception {
        TimeSortableIdGenerator ids = new TimeSortableIdGenerator();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                long last = 0;
                for (int i = 0; i < 50_000; i++) {
                    long id = ids.nextId();
                    if (id <= last) throw new AssertionError("not increasing within a thread");
                    last = id;
                    seen.add(id);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(200_000);
    }

    private static final class MutableClock extends Clock {
        volatile long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        @Override public long millis() { return millis; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis); }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    }
}
