package aftersales.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * local-runtime/demo.sh, as a new user runs it, against the local runtime started as its own process the way
 * ./local-run starts it: it passes, twice on the same data, and says how each scenario ended.
 */
class DemoScriptTest {

    /** Each scenario's line in the demo's summary: name, final status, resolution. */
    static final Map<String, List<String>> FINAL = Map.of(
            "seller silence", List.of("RESOLVED", "SELLER_RESPONSE_TIMEOUT, refund 2000 EUR"),
            "agreement", List.of("RESOLVED", "SELLER_ACCEPTED, refund 1500 EUR"),
            "counter-proposal", List.of("RESOLVED", "COUNTER_PROPOSAL_ACCEPTED, refund 1200 EUR"),
            "arbitration", List.of("RESOLVED", "ARBITRATION, refund 4000 EUR"),
            "day 16", List.of("IN_ARBITRATION", "open, escalated: NEGOTIATION_PERIOD_ENDED"),
            "goods in transit", List.of("IN_ARBITRATION", "open, escalated: DELIVERY_TIME_LIMIT_EXPIRED"));

    @TempDir
    static Path dir;

    static Path repo;
    static Process runtime;
    static Path runtimeLog;
    static String base;

    @BeforeAll
    static void startRuntime() throws Exception {
        Assumptions.assumeTrue(onPath("curl"), "curl is not installed: the demo script needs it");
        Assumptions.assumeTrue(onPath("python3"), "python3 is not installed: the demo script needs it");
        repo = TemplateRoutesTest.repo();
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        runtimeLog = dir.resolve("runtime.log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        runtime = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                "aftersales.local.LocalRuntime", "run", "--port", Integer.toString(port),
                "--data", dir.resolve("data").toString(), "--repo", repo.toString(), "--sweep-seconds", "2")
                .redirectErrorStream(true).redirectOutput(runtimeLog.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(runtimeLog).contains("ready in")) {
            if (!runtime.isAlive()) {
                fail("the local runtime exited with " + runtime.exitValue() + ":\n" + Files.readString(runtimeLog));
            }
            if (System.nanoTime() > until) {
                fail("the local runtime was not ready within 60 s:\n" + Files.readString(runtimeLog));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopRuntime() throws Exception {
        if (runtime == null) {
            return;
        }
        runtime.destroy(); // SIGTERM: the shutdown hook stops dynalite too
        if (!runtime.waitFor(20, TimeUnit.SECONDS)) {
            runtime.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Path pidFile = dir.resolve("data").resolve("dynalite.pid");
        if (Files.exists(pidFile)) { // left behind only if the runtime could not stop it
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .filter(h -> h.info().commandLine().map(c -> c.contains("dynalite")).orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    record Result(int exit, String output) {
    }

    static Result demo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "local-runtime/demo.sh"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "demo", ".txt");
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("demo.sh did not finish within 180 s:\n" + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void demoPassesAndShowsHowEachScenarioEndedTwiceOnTheSameData() throws Exception {
        for (int run = 1; run <= 2; run++) {
            Result r = demo(base);
            String context = "run " + run + " of demo.sh:\n" + r.output() + "\n--- runtime log ---\n"
                    + Files.readString(runtimeLog);
            assertEquals(0, r.exit(), context);
            assertTrue(r.output().contains("DEMO PASSED"), context);
            List<String> summary = r.output().lines().dropWhile(l -> !l.startsWith("=== Summary")).toList();
            FINAL.forEach((scenario, expected) -> {
                String line = summary.stream().filter(l -> l.startsWith(scenario + " ")).findFirst()
                        .orElseThrow(() -> new AssertionError("no summary line for " + scenario + "\n" + context));
                assertTrue(line.matches(java.util.regex.Pattern.quote(scenario)
                        + " +demo-[0-9]+-[a-z0-9]+~1 +" + expected.get(0) + " +"
                        + java.util.regex.Pattern.quote(expected.get(1))), line);
            });
            for (String action : List.of("SELLER_RESPONSE_TIMED_OUT", "SELLER_ACCEPTED", "COUNTER_PROPOSAL_ACCEPTED",
                    "ARBITRATION_CASE_OPENED", "RULED", "basis=NEGOTIATION_PERIOD_ENDED",
                    "basis=DELIVERY_TIME_LIMIT_EXPIRED")) {
                assertTrue(r.output().contains(action), "timeline shows " + action + "\n" + context);
            }
        }
    }

    @Test
    void helpExplainsAndUnreachableRuntimeFailsClearly() throws Exception {
        Result help = demo("--help");
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().startsWith("usage: local-runtime/demo.sh [BASE_URL]"), help.output());

        Result bad = demo("--no-such-option");
        assertEquals(2, bad.exit(), bad.output());

        Result down = demo("http://127.0.0.1:" + freePort());
        assertNotEquals(0, down.exit(), down.output());
        assertTrue(down.output().contains("DEMO FAILED: cannot reach"), down.output());
        assertTrue(down.output().contains("./local-run"), down.output());
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
