package dev.rampart.cli.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The suricata-verify floor: runs the shared {@code sv-check} (core mode, Suricata 8.0.0 expectations)
 * over every test with the packaged {@code rampart.jar scan} and fails when a scope passes fewer tests
 * than recorded in {@code sv-floor.json} — a floor that only rises (raise it when a change passes more).
 * Runs in {@code mvn verify} after the jar is shaded; skipped when ../shared or python3 is missing.
 */
class SuricataVerifyFloorIT {

    @Test
    void everyScopePassesAtLeastItsRecordedFloor() throws Exception {
        Path shared = Path.of(System.getProperty("rampart.shared", "../../shared")).toAbsolutePath().normalize();
        Path svCheck = shared.resolve("tools/sv-check");
        assumeTrue(Files.isExecutable(svCheck), "no ../shared/tools/sv-check");
        assumeTrue(new ProcessBuilder("python3", "-c", "import yaml").start().waitFor() == 0, "python3 with yaml needed");
        Path jar = Path.of("target/rampart.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "shaded jar missing: " + jar);

        Path report = Files.createTempFile("sv-floor", ".json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(svCheck.toString(), "--engine", java + " -XX:TieredStopAtLevel=1 -Xshare:auto -jar " + jar + " scan",
                "--mode", "core", "--jobs", "2", "--timeout", "120", "--report", report.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(40, TimeUnit.MINUTES), "sv-check did not finish");

        JsonNode tests = new ObjectMapper().readTree(report.toFile()).get("tests");
        Map<String, int[]> byScope = new TreeMap<>(); // scope -> passed, run
        Map<String, List<String>> failing = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String status = e.getValue().get("status").asText();
            if (status.equals("SKIP")) {
                continue;
            }
            String scope = e.getValue().get("scope").asText();
            int[] c = byScope.computeIfAbsent(scope, k -> new int[2]);
            c[1]++;
            if (status.equals("PASS")) {
                c[0]++;
            } else {
                failing.computeIfAbsent(scope, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        JsonNode floor = floor();
        StringBuilder summary = new StringBuilder();
        List<String> below = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = floor.get("floors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            int[] c = byScope.getOrDefault(f.getKey(), new int[2]);
            summary.append(f.getKey()).append(' ').append(c[0]).append('/').append(c[1])
                    .append(" (floor ").append(f.getValue().asInt()).append(")\n");
            if (c[0] < f.getValue().asInt()) {
                below.add(f.getKey() + ": " + c[0] + " < " + f.getValue().asInt() + ", failing " + failing.get(f.getKey()));
            }
        }
        System.out.print(summary);
        assertEquals(List.of(), below, "suricata-verify scopes below their floor:\n" + summary);
        Files.deleteIfExists(report);
    }

    private static JsonNode floor() throws IOException {
        try (InputStream in = SuricataVerifyFloorIT.class.getResourceAsStream("/sv-floor.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
