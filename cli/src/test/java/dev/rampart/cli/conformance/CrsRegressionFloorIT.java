package dev.rampart.cli.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The OWASP CRS floor: runs the CRS v4 regression tests of ../shared through the shared
 * {@code crs-check} with the packaged {@code rampart.jar scan --seclang} (CRS at paranoia level 4 with
 * {@code tools/crs/regression-setup.conf}, as {@code tools/crs-regression} runs it) and fails when
 * fewer tests pass than {@code crs-floor.json} records. Runs in {@code mvn verify} after the jar is
 * shaded; skipped when ../shared or python3 with yaml is missing.
 */
class CrsRegressionFloorIT {

    @Test
    void crsRegressionTestsPassAtLeastTheRecordedFloor() throws Exception {
        Path shared = Path.of(System.getProperty("rampart.shared", "../../shared")).toAbsolutePath().normalize();
        Path crsCheck = shared.resolve("tools/crs-check");
        Path crs = shared.resolve("rulesets/crs");
        Path tests = shared.resolve("conformance/crs-regression/tests");
        assumeTrue(Files.isExecutable(crsCheck) && Files.isDirectory(crs) && Files.isDirectory(tests),
                "no ../shared CRS rules, tests or crs-check");
        assumeTrue(new ProcessBuilder("python3", "-c", "import yaml").start().waitFor() == 0, "python3 with yaml needed");
        Path jar = Path.of("target/rampart.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "shaded jar missing: " + jar);
        Path setup = Path.of("../tools/crs/regression-setup.conf").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(setup), setup.toString());

        Path report = Files.createTempFile("crs-floor", ".json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String engine = java + " -jar " + jar + " scan -S /dev/null -k none -q"
                + " --seclang " + crs.resolve("crs-setup.conf.example")
                + " --seclang " + setup
                + " --seclang " + crs.resolve("rules");
        List<String> cmd = List.of(crsCheck.toString(), tests.toString(),
                "--overrides", shared.resolve("conformance/crs-regression/httpd-overrides.yaml").toString(),
                "--engine-cmd", engine, "--report", report.toString(), "-q");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "crs-check did not finish");

        int passed = 0;
        int failed = 0;
        List<String> failing = new ArrayList<>();
        for (JsonNode t : new ObjectMapper().readTree(report.toFile()).get("tests")) {
            String result = t.get("result").asText();
            if (result.equals("PASS")) {
                passed++;
            } else if (result.equals("FAIL")) {
                failed++;
                failing.add(t.get("test").asText());
            }
        }
        int floor;
        try (InputStream in = CrsRegressionFloorIT.class.getResourceAsStream("/crs-floor.json")) {
            floor = new ObjectMapper().readTree(in).get("passed").asInt();
        }
        System.out.println("crs-regression: " + passed + " passed, " + failed + " failed (floor " + floor + ")");
        assertTrue(passed >= floor, "CRS regression: " + passed + " passed < floor " + floor + "; failing " + failing);
        Files.deleteIfExists(report);
    }
}
