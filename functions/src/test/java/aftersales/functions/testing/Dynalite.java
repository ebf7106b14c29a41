package aftersales.functions.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One in-memory <a href="https://github.com/architect/dynalite">dynalite</a> (DynamoDB protocol emulator, Node)
 * per test JVM, started lazily on first use and stopped by a shutdown hook.
 *
 * <p>Prerequisite: Node.js &gt;= 20 on {@code PATH}, and {@code emulators/node_modules} installed; the Maven build
 * does that with {@code npm ci} in {@code generate-test-resources}. The emulators directory comes from the system
 * property {@code emulators.dir} (set by Surefire); when it is missing (IDE runs) it is searched for upwards from
 * the working directory.
 *
 * <p>Not supported by dynalite 4.0.0: TransactWriteItems/TransactGetItems, PartiQL, TTL updates, streams.
 * Tables are all in one shared instance, so use {@link #freshTableName(String)} per test class.
 */
public final class Dynalite {

    private static final long STARTUP_TIMEOUT_SECONDS = 20;
    private static final int START_ATTEMPTS = 3;
    private static final AtomicInteger TABLE_SEQ = new AtomicInteger();

    private static final Object LOCK = new Object();
    private static volatile Instance instance;
    private static RuntimeException startFailure;

    private record Instance(Process process, URI endpoint, DynamoDbClient client) {}

    private Dynalite() {}

    /** The emulator's endpoint, e.g. {@code http://127.0.0.1:41234}; starts it if needed. */
    public static URI endpoint() {
        return instance().endpoint();
    }

    /** A shared client pointed at the emulator. Do not close it; the shutdown hook does. */
    public static DynamoDbClient client() {
        return instance().client();
    }

    /** A new client pointed at the emulator (the caller closes it); for code that wants its own client. */
    public static DynamoDbClient newClient() {
        return buildClient(endpoint());
    }

    /**
     * A table name not used before in this JVM, e.g. {@code freshTableName("Disputes")} gives {@code Disputes-7}.
     * Characters DynamoDB does not allow in table names are replaced by {@code _}.
     */
    public static String freshTableName(String prefix) {
        String clean = prefix == null ? "t" : prefix.replaceAll("[^a-zA-Z0-9_.-]", "_");
        if (clean.length() > 200) {
            clean = clean.substring(0, 200);
        }
        return clean + "-" + TABLE_SEQ.incrementAndGet();
    }

    private static Instance instance() {
        Instance current = instance;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (instance != null) {
                return instance;
            }
            if (startFailure != null) {
                throw new IllegalStateException("dynalite failed to start earlier in this JVM", startFailure);
            }
            try {
                instance = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            return instance;
        }
    }

    private static Instance start() {
        Path cli = emulatorsDir().resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed: " + cli + " does not exist. Run `npm ci` in "
                    + cli.getParent().getParent().getParent() + " (the Maven build does this in generate-test-resources;"
                    + " it needs Node.js >= 20 with npm on PATH).");
        }
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(cli);
            } catch (PortLostException e) {
                last = e; // another process took the free port between probing and binding; try a new one
            }
        }
        throw last;
    }

    private static Instance startOnce(Path cli) {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder("node", cli.toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                .redirectErrorStream(true);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run `node` to start dynalite (DynamoDB emulator). "
                    + "The functions tests need Node.js >= 20 on PATH.", e);
        }
        try {
            process.getOutputStream().close(); // dynalite reads no input
        } catch (IOException ignored) {
            // nothing to close
        }

        CompletableFuture<String> listening = new CompletableFuture<>();
        Deque<String> recentOutput = new ArrayDeque<>();
        Thread drain = new Thread(() -> drain(process, listening, recentOutput), "dynalite-output");
        drain.setDaemon(true);
        drain.start();

        try {
            listening.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite did not print its 'listening' line within "
                    + STARTUP_TIMEOUT_SECONDS + " s (needs Node.js >= 20). Output so far: " + snapshot(recentOutput));
        } catch (ExecutionException e) {
            process.destroyForcibly();
            String output = snapshot(recentOutput);
            String message = "dynalite exited before it was ready (needs Node.js >= 20 on PATH; check `node --version`)."
                    + " Output: " + output;
            if (output.contains("EADDRINUSE")) {
                throw new PortLostException(message);
            }
            throw new IllegalStateException(message, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for dynalite to start", e);
        }

        URI endpoint = URI.create("http://127.0.0.1:" + port);
        DynamoDbClient client = buildClient(endpoint);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }, "dynalite-shutdown"));
        return new Instance(process, endpoint, client);
    }

    /** Reads all output so the pipe never fills; completes {@code listening} at the ready line or at exit. */
    private static void drain(Process process, CompletableFuture<String> listening, Deque<String> recentOutput) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (recentOutput) {
                    recentOutput.addLast(line);
                    if (recentOutput.size() > 50) {
                        recentOutput.removeFirst();
                    }
                }
                if (!listening.isDone() && line.contains("listening")) {
                    listening.complete(line);
                }
            }
        } catch (IOException ignored) {
            // stream closed because the process ended
        } finally {
            listening.completeExceptionally(new IllegalStateException("dynalite process ended"));
        }
    }

    private static String snapshot(Deque<String> recentOutput) {
        synchronized (recentOutput) {
            return recentOutput.isEmpty() ? "(none)" : String.join(System.lineSeparator(), recentOutput);
        }
    }

    private static DynamoDbClient buildClient(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for dynalite", e);
        }
    }

    static Path emulatorsDir() {
        String configured = System.getProperty("emulators.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("emulators");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find the emulators directory: set -Demulators.dir=<repo>/emulators"
                + " (Surefire sets it from functions/pom.xml).");
    }

    private static final class PortLostException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortLostException(String message) {
            super(message);
        }
    }
}
