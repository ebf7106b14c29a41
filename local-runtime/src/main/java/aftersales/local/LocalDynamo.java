package aftersales.local;

import aftersales.functions.store.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * DynamoDB for the local system: dynalite (the DynamoDB wire protocol on LevelDB) as a child process keeping
 * its data in the data folder, so a restart, even after kill -9, finds every order where it was.
 */
final class LocalDynamo implements AutoCloseable {

    private final Process process;
    final URI endpoint;

    private LocalDynamo(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static LocalDynamo start(Path emulatorsDir, Path dataDir) {
        Path cli = emulatorsDir.resolve("node_modules/dynalite/cli.js");
        Path child = emulatorsDir.resolve("dynalite-child.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed (" + cli + "): run `npm ci` in " + emulatorsDir
                    + " (Node.js >= 20)");
        }
        try {
            Path dir = Files.createDirectories(dataDir.resolve("dynamodb"));
            Path pidFile = dataDir.resolve("dynalite.pid");
            stopLeftover(pidFile);
            // stdin stays a pipe from this JVM: when the JVM dies, however, the child sees it close and exits
            Process p = new ProcessBuilder("node", child.toString(), "--port", "0", "--path", dir.toString())
                    .directory(emulatorsDir.toFile()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            if (first == null || !first.startsWith("dynalite listening on port ")) {
                p.destroyForcibly();
                throw new IllegalStateException("dynalite did not start: " + first);
            }
            int port = Integer.parseInt(first.substring("dynalite listening on port ".length()).trim());
            Files.writeString(pidFile, Long.toString(p.pid()));
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "dynalite-output");
            drain.setDaemon(true);
            drain.start();
            return new LocalDynamo(p, URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start dynalite (is Node.js >= 20 on PATH?)", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start dynalite", e);
        }
    }

    /** Creates the table as template.yaml declares it, unless it is there from an earlier run. */
    static void ensureTable(DynamoDbClient ddb, String table) {
        try {
            ddb.describeTable(b -> b.tableName(table));
        } catch (ResourceNotFoundException missing) {
            ddb.createTable(Table.definition(table));
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A dynalite from an earlier run that is somehow still there (its parent's end normally ends it) would hold
     * the LevelDB lock on the data folder: the next start stops it first.
     */
    private static void stopLeftover(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid)
                .filter(h -> h.info().commandLine().map(c -> c.contains("dynalite-child.js")).orElse(false))
                .ifPresent(h -> {
                    h.destroyForcibly();
                    h.onExit().orTimeout(10, TimeUnit.SECONDS).join();
                });
        Files.delete(pidFile);
    }
}
