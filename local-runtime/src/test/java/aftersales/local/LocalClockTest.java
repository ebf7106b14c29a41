package aftersales.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared clock: real time plus an offset that only moves forward and survives a restart. */
class LocalClockTest {

    static final Instant REAL = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path data;

    @Test
    void startsAtRealTimeWithNoOffset() {
        LocalClock clock = new LocalClock(InstantSource.fixed(REAL), data);
        assertEquals(Duration.ZERO, clock.offset());
        assertEquals(REAL, clock.instant());
    }

    @Test
    void instantIsRealPlusOffset() {
        AtomicReference<Instant> real = new AtomicReference<>(REAL);
        LocalClock clock = new LocalClock(real::get, data);
        clock.advance(Duration.ofDays(5));
        assertEquals(REAL.plus(Duration.ofDays(5)), clock.instant());
        clock.advance(Duration.ofHours(1));
        assertEquals(Duration.ofDays(5).plusHours(1), clock.offset());
        assertEquals(REAL.plus(Duration.ofDays(5).plusHours(1)), clock.instant());

        real.set(REAL.plusSeconds(42)); // real time goes on by itself
        assertEquals(REAL.plusSeconds(42).plus(Duration.ofDays(5).plusHours(1)), clock.instant());
    }

    @Test
    void offsetPersistsAcrossInstances() throws Exception {
        new LocalClock(InstantSource.fixed(REAL), data).advance(Duration.parse("P15DT3H"));
        assertEquals("PT363H", Files.readString(data.resolve("clock-offset")).trim());

        LocalClock again = new LocalClock(InstantSource.fixed(REAL.plusSeconds(10)), data);
        assertEquals(Duration.parse("P15DT3H"), again.offset());
        assertEquals(REAL.plusSeconds(10).plus(Duration.parse("P15DT3H")), again.instant());

        again.advance(Duration.ofNanos(1));
        assertEquals(Duration.parse("P15DT3H").plusNanos(1), new LocalClock(InstantSource.fixed(REAL), data).offset());
    }

    @Test
    void advancingBackwardsThrowsAndChangesNothing() {
        LocalClock clock = new LocalClock(InstantSource.fixed(REAL), data);
        clock.advance(Duration.ofDays(1));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofNanos(-1)));
        assertEquals(Duration.ofDays(1), clock.offset());
        assertEquals(Duration.ofDays(1), new LocalClock(InstantSource.fixed(REAL), data).offset());
        clock.advance(Duration.ZERO);
        assertEquals(REAL.plus(Duration.ofDays(1)), clock.instant());
    }
}
