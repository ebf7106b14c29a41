package aftersales.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The one clock of the local system: real time plus an offset that only time travel moves forward. The offset
 * is kept in the data folder, so a restart does not send the system back in time.
 */
final class LocalClock implements InstantSource {

    private final InstantSource real;
    private final Path file;
    private volatile Duration offset;

    LocalClock(InstantSource real, Path dataDir) {
        this.real = real;
        this.file = dataDir.resolve("clock-offset");
        this.offset = read(file);
    }

    @Override
    public Instant instant() {
        return real.instant().plus(offset);
    }

    Duration offset() {
        return offset;
    }

    /** Moves the clock forward (never back: deadlines already applied cannot be unapplied). */
    synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time travel goes forward only");
        }
        Duration next = offset.plus(by);
        try {
            // write aside, then rename: a kill -9 mid-write must not leave a torn file behind
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, next.toString());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // only once kept on disk: a restart must never find the clock behind what callers saw
        offset = next;
    }

    private static Duration read(Path file) {
        try {
            return Files.exists(file) ? Duration.parse(Files.readString(file).trim()) : Duration.ZERO;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
