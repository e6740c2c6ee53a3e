package dev.rampart.engine.detect.payload;

import dev.rampart.capture.PcapWriter;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Differential check of {@link PayloadProgram} against the real Suricata (not run in CI): writes
 * every case of {@link PayloadCases} as one UDP packet to its own port, one rule per case, runs
 * the suricata-oracle once and compares alerts with our program and with the recorded table.
 *
 * <pre>mvn -q -pl engine -am test-compile
 * java -cp engine/target/classes:engine/target/test-classes:rule-parser/target/classes:capture/target/classes \
 *     dev.rampart.engine.detect.payload.PayloadOracleHarness [workdir]</pre>
 *
 * Last run (Suricata 7.0.10): 172 cases, all 172 loaded, program and table agree with the oracle on all.
 */
public final class PayloadOracleHarness {
    private static final String ORACLE = "/work/shared/tools/suricata-oracle";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/payload-oracle").toAbsolutePath();
        Files.createDirectories(dir);
        List<PayloadCases.Case> cases = PayloadCases.CASES;
        Host client = Host.of("10.0.0.1", "02:00:00:00:00:01");
        Host server = Host.of("10.0.0.2", "02:00:00:00:00:02");
        Trace trace = new Trace(1_700_000_000_000_000L, 1000);
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            int sid = i + 1;
            PayloadCases.Case c = cases.get(i);
            trace.udp(client, 30000 + sid, server, 20000 + sid, sid, c.bytes());
            rules.append(c.rule(sid, 20000 + sid)).append('\n');
        }
        Path pcap = dir.resolve("cases.pcap");
        try (PcapWriter w = PcapWriter.create(pcap)) {
            trace.writeTo(w);
        }
        Path rulesFile = dir.resolve("cases.rules");
        Files.writeString(rulesFile, rules, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("eve.json"));
        Files.deleteIfExists(out.resolve("suricata.log"));
        Process p = new ProcessBuilder(ORACLE, "-r", pcap.toString(), "-S", rulesFile.toString(), "-l", out.toString(),
                "-k", "none", "--runmode", "single").redirectErrorStream(true)
                .redirectOutput(dir.resolve("oracle.log").toFile()).start();
        if (p.waitFor() != 0) {
            System.out.println("oracle exited with " + p.exitValue() + ", see " + dir.resolve("oracle.log"));
        }
        for (String line : Files.readAllLines(out.resolve("suricata.log"))) {
            if (line.contains("rules failed") || line.contains("rror")) {
                System.out.println("oracle: " + line);
            }
        }
        Set<Integer> alerted = new HashSet<>();
        Pattern sidPattern = Pattern.compile("\"signature_id\":(\\d+)");
        for (String line : Files.readAllLines(out.resolve("eve.json"))) {
            if (line.contains("\"event_type\":\"alert\"")) {
                Matcher m = sidPattern.matcher(line);
                if (m.find()) {
                    alerted.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        int agree = 0;
        int tableAgree = 0;
        InspectScratch scratch = new InspectScratch();
        for (int i = 0; i < cases.size(); i++) {
            int sid = i + 1;
            PayloadCases.Case c = cases.get(i);
            boolean oracle = alerted.contains(sid);
            PayloadProgram program = PayloadCases.program(c, sid);
            byte[] b = c.bytes();
            boolean ours = program.match(b, 0, b.length, scratch);
            if (ours == oracle) {
                agree++;
            }
            if (c.suricataAlerts() == oracle) {
                tableAgree++;
            }
            if (ours != oracle || c.suricataAlerts() != oracle) {
                System.out.printf("sid %d %-60s oracle=%s ours=%s table=%s %s%n", sid, c.options(), oracle, ours,
                        c.suricataAlerts(), program.isCompilable() ? "" : program.uncompilableReason());
            }
        }
        System.out.printf("cases %d, program agrees with oracle %d, table agrees with oracle %d%n", cases.size(), agree,
                tableAgree);
    }
}
