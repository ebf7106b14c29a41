package aftersales.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * The local runtime as a user runs it: a separate {@code java} process started from the test classpath with
 * {@code aftersales.local.LocalRuntime run}, its output in a log file under {@code target/local-runtime-e2e/},
 * and driven only over HTTP on 127.0.0.1.
 */
final class RunningRuntime implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of("target", "local-runtime-e2e");

    /** An HTTP answer: status, parsed JSON body (MissingNode when there is none) and the raw text. */
    record Response(int status, JsonNode body, String raw) {
        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    final String name;
    final Path data;
    private int port;
    private Process process;
    private int starts;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RunningRuntime(String name, Path data, int port) {
        this.name = name;
        this.data = data.toAbsolutePath();
        this.port = port;
    }

    /** Starts a runtime on a free port keeping its data in {@code data}, and waits until it says it is ready. */
    static RunningRuntime start(String name, Path data) {
        RunningRuntime rt = new RunningRuntime(name, data, freePort());
        rt.launch();
        return rt;
    }

    int port() {
        return port;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Path log() {
        return LOGS.resolve(name + "-" + starts + ".log").toAbsolutePath();
    }

    /** Starts it again on the same data folder and port (a new free port only if the old one cannot be bound). */
    void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("still running");
        }
        try {
            launch();
        } catch (AssertionError e) {
            if (!logText().contains("Address already in use")) {
                throw e;
            }
            System.err.println("[e2e] port " + port + " still taken after the restart; using a new free port");
            port = freePort();
            launch();
        }
    }

    private void launch() {
        starts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String repo = Objects.requireNonNull(System.getProperty("repo.dir"), "system property repo.dir (set by the pom)");
        try {
            Files.createDirectories(LOGS);
            process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "aftersales.local.LocalRuntime", "run", "--port", Integer.toString(port),
                    "--data", data.toString(), "--repo", Path.of(repo).toAbsolutePath().normalize().toString(),
                    "--sweep-seconds", "2")
                    .redirectErrorStream(true).redirectOutput(log().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long until = System.nanoTime() + READY_WITHIN.toNanos();
        while (!logText().contains("ready in")) {
            if (!process.isAlive()) {
                fail("the local runtime exited with " + process.exitValue() + " before it was ready:\n" + logText());
            }
            if (System.nanoTime() > until) {
                fail("the local runtime was not ready within " + READY_WITHIN + ":\n" + logText());
            }
            sleep(100);
        }
    }

    String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9: {@code destroyForcibly()} sends SIGKILL on Linux; the shutdown hook does not run. */
    void kill9() {
        ProcessHandle h = process.toHandle();
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(15));
        assertFalse(h.isAlive(), "the killed runtime is still alive");
        assertFalse(ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false),
                "pid " + h.pid() + " is still alive after SIGKILL");
        assertEquals(137, process.exitValue(), "exit status of a process killed by SIGKILL (128 + 9)");
    }

    /** A graceful stop: {@code destroy()} sends SIGTERM, so the runtime's shutdown hook stops dynalite. */
    int stop() {
        if (process == null || !process.isAlive()) {
            return process == null ? 0 : process.exitValue();
        }
        process.destroy();
        if (!waitFor(process, Duration.ofSeconds(20))) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(10));
        }
        return process.exitValue();
    }

    /** Every live process whose command line names this runtime's data folder (the runtime and its dynalite). */
    List<ProcessHandle> processesUsingData() {
        Pattern dir = Pattern.compile(Pattern.quote(data.toString()) + "(/|\\s|$)");
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> dir.matcher(c).find()).orElse(false))
                .toList();
    }

    List<ProcessHandle> dynalitesUsingData() {
        return processesUsingData().stream()
                .filter(p -> p.info().commandLine().map(c -> c.contains("dynalite")).orElse(false)).toList();
    }

    /** Stops the runtime and, should anything it started outlive it, ends those processes by their pid. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            for (ProcessHandle p : processesUsingData()) {
                System.err.println("[e2e] ending leftover process " + p.pid() + " " + p.info().commandLine().orElse(""));
                p.destroyForcibly();
                p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
            }
        }
    }

    // ---------- HTTP ----------

    Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    Response post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    Response call(String method, String path, String token, Object body) {
        try {
            return parse(http.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<Response> postAsync(String path, String token, Object body) {
        return http.sendAsync(request("POST", path, token, body), HttpResponse.BodyHandlers.ofString())
                .thenApply(RunningRuntime::parse);
    }

    private HttpRequest request(String method, String path, String token, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json");
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        String text;
        try {
            text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.method(method, text.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(text)).build();
    }

    private static Response parse(HttpResponse<String> r) {
        String raw = r.body() == null ? "" : r.body();
        JsonNode body = MissingNode.getInstance();
        if (!raw.isBlank()) {
            try {
                body = JSON.readTree(raw);
            } catch (IOException e) {
                fail("not JSON (" + r.statusCode() + "): " + raw);
            }
        }
        return new Response(r.statusCode(), body, raw);
    }

    /** Asks for {@code expected} and returns the body, failing with the whole answer otherwise. */
    static JsonNode expect(int expected, Response r) {
        assertEquals(expected, r.status(), () -> "unexpected answer: " + r);
        return r.body();
    }

    // ---------- the runtime's own endpoints ----------

    String token(String role, String sub) {
        return expect(200, post("/_local/token", null, Map.of("role", role, "sub", sub))).path("token").asText();
    }

    JsonNode clock() {
        return expect(200, get("/_local/clock", null));
    }

    JsonNode advance(String by) {
        return expect(200, post("/_local/clock/advance", null, Map.of("by", by)));
    }

    // ---------- scenario steps ----------

    static final long PAID = 10_000;

    /** An order's parties and their tokens on one runtime; its first dispute is {@code orderId~1}. */
    record Parties(RunningRuntime rt, String orderId, String buyer, String seller, String buyerToken,
                   String sellerToken) {
        String disputeId() {
            return orderId + "~1";
        }

        JsonNode file(String reason, long amount) {
            JsonNode v = expect(201, rt.post("/orders/" + orderId + "/disputes", buyerToken, Map.of(
                    "reason", reason, "amount", money(amount), "description", "e2e " + orderId)));
            assertEquals(disputeId(), v.path("disputeId").asText());
            return v;
        }

        void reject() {
            JsonNode v = expect(200, rt.post("/disputes/" + disputeId() + "/rejection", sellerToken,
                    Map.of("reason", "the goods were fine when shipped")));
            assertEquals("AWAITING_BUYER", v.path("status").asText(), v::toString);
        }

        JsonNode dispute() {
            return expect(200, rt.get("/disputes/" + disputeId(), buyerToken));
        }

        JsonNode order() {
            return expect(200, rt.get("/orders/" + orderId, buyerToken));
        }
    }

    String platform() {
        return token("platform", "platform-e2e");
    }

    static Map<String, Object> money(long amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    static Instant instant(JsonNode n) {
        return Instant.parse(n.asText());
    }

    Parties registered(String orderId, int deliveryTimeLimitDays) {
        String buyer = "buyer-" + orderId;
        String seller = "seller-" + orderId;
        expect(201, post("/orders", platform(), Map.of("orderId", orderId, "buyerId", buyer, "sellerId", seller,
                "amountPaid", money(PAID), "deliveryTimeLimitDays", deliveryTimeLimitDays)));
        return new Parties(this, orderId, buyer, seller, token("buyer", buyer), token("seller", seller));
    }

    /** The seller ships everything now: the order view with {@code fullyShippedAt}. */
    JsonNode ship(Parties p) {
        JsonNode order = expect(200, post("/orders/" + p.orderId() + "/shipments", p.sellerToken(),
                Map.of("carrier", "DHL", "trackingNumber", "T-" + p.orderId(), "shippedAt",
                        clock().path("now").asText(), "allGoodsShipped", true)));
        assertTrue(order.has("fullyShippedAt"), order::toString);
        return order;
    }

    Parties shipped(String orderId, int deliveryTimeLimitDays) {
        Parties p = registered(orderId, deliveryTimeLimitDays);
        ship(p);
        return p;
    }

    /** Registered, all goods shipped, and the clock moved to the opening of the application window. */
    Parties windowOpen(String orderId, int deliveryTimeLimitDays) {
        Parties p = shipped(orderId, deliveryTimeLimitDays);
        advance("P5D");
        return p;
    }

    /** The kinds of the local scheduler's pending triggers for one dispute (GET /_local/clock). */
    List<String> pendingTriggers(String disputeId) {
        List<String> kinds = new ArrayList<>();
        clock().path("pendingTriggers").forEach(t -> {
            if (disputeId.equals(t.path("disputeId").asText())) {
                kinds.add(t.path("kind").asText());
            }
        });
        return kinds;
    }

    // ---------- helpers ----------

    /** Repeats {@code read} until {@code done} holds, for at most {@code bound}; fails with the last value. */
    static JsonNode await(String what, Duration bound, Supplier<JsonNode> read, Predicate<JsonNode> done) {
        long until = System.nanoTime() + bound.toNanos();
        JsonNode last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > until) {
                fail("within " + bound + ": " + what + "; last seen: " + last);
            }
            sleep(200);
            last = read.get();
        }
        return last;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean waitFor(Process p, Duration bound) {
        try {
            return p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
