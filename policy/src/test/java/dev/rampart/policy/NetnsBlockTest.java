package dev.rampart.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The block end to end in the kernel: two network namespaces joined by a veth pair, a TCP server in
 * B, a client in A. A policy applied with {@link NftablesApplier} inside B (through
 * {@code ip netns exec B nft -f -}) must really stop A's connections, IPv4 and IPv6, and removing
 * it must let them through again, leaving B's own (operator) table alone. Nothing touches the
 * host's firewall. Skips only when not root or when {@code ip netns} is not available.
 */
class NetnsBlockTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String NS_A = "rampart-a-" + PID;
    private static final String NS_B = "rampart-b-" + PID;
    private static final String VETH_A = "rpa" + PID % 10_000_000;
    private static final String VETH_B = "rpb" + PID % 10_000_000;
    private static final String A4 = "10.199.0.1";
    private static final String B4 = "10.199.0.2";
    private static final String A6 = "fd00:199::1";
    private static final String B6 = "fd00:199::2";
    private static final int PORT = 8080;
    private static final int TIMEOUT_MS = 1500;
    private static final String POLICY = "e2e_" + PID;

    private static final List<String> namespaces = new ArrayList<>();
    private static Process server;
    private static Process prober;
    private static BufferedReader probeOut;
    private static PrintStream probeIn;

    @BeforeAll
    static void namespaces() throws Exception {
        Assumptions.assumeTrue(Privileges.effectiveUidIsRoot(), "skipped: the namespace block test needs root");
        Assumptions.assumeTrue(exec("ip", "netns", "list").exit == 0, "skipped: ip netns is not available");
        for (String ns : List.of(NS_A, NS_B)) {
            Result r = exec("ip", "netns", "add", ns);
            Assumptions.assumeTrue(r.exit == 0, "skipped: cannot create a network namespace: " + r.err);
            namespaces.add(ns);
        }
        ok("ip", "link", "add", VETH_A, "netns", NS_A, "type", "veth", "peer", "name", VETH_B, "netns", NS_B);
        ok("ip", "-n", NS_A, "addr", "add", A4 + "/24", "dev", VETH_A);
        ok("ip", "-n", NS_B, "addr", "add", B4 + "/24", "dev", VETH_B);
        ok("ip", "-n", NS_A, "addr", "add", A6 + "/64", "dev", VETH_A, "nodad");
        ok("ip", "-n", NS_B, "addr", "add", B6 + "/64", "dev", VETH_B, "nodad");
        for (String[] nd : new String[][] {{NS_A, VETH_A}, {NS_B, VETH_B}}) {
            ok("ip", "-n", nd[0], "link", "set", "lo", "up");
            ok("ip", "-n", nd[0], "link", "set", nd[1], "up");
        }
        // the operator's own table in B: Rampart must list, keep and never remove it
        Result own = exec(List.of("ip", "netns", "exec", NS_B, "nft", "-f", "-"),
                "table inet operator_own {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t}\n}\n");
        assertEquals(0, own.exit, own.err);

        server = peer(NS_B, "serve", Integer.toString(PORT)).start();
        BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
        assertEquals("listening", serverOut.readLine());
        prober = peer(NS_A, "probe").start();
        probeOut = new BufferedReader(new InputStreamReader(prober.getInputStream(), StandardCharsets.US_ASCII));
        probeIn = new PrintStream(prober.getOutputStream(), true, StandardCharsets.US_ASCII);
        assertEquals("ready", probeOut.readLine());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (Process p : new Process[] {prober, server}) {
            if (p != null) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (String ns : namespaces) {
            exec("ip", "netns", "del", ns); // the veth pair goes with its namespaces
        }
    }

    @Test
    void appliedPolicyStopsTrafficAndRemovalRestoresIt() throws Exception {
        for (String dst : List.of(B4, B6)) {
            assertEquals("ok", probe(dst), "before the policy, A connects to " + dst);
        }

        NftablesApplier nft = new NftablesApplier(ProcessCommandRunner.inNetns(NS_B), Privileges::effectiveUidIsRoot);
        BlockPolicy policy = BlockPolicy.builder(POLICY).address(A4).address(A6).port(PORT).protocol(BlockProtocol.TCP)
                .direction(BlockDirection.INBOUND).reason("netns end-to-end test").build();
        nft.apply(policy, true);
        assertEquals(List.of(POLICY), nft.loadedPolicies());
        assertFalse(exec("nft", "list", "tables").out.contains("rampart_" + POLICY), "applied in B only, not on the host");

        for (String dst : List.of(B4, B6)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                assertEquals("timeout", probe(dst), "with the policy, A's SYNs to " + dst + " are dropped");
            }
        }
        // the drops were our rules': nft lists them back as "tcp dport"; the input chain comes first
        String table = exec("ip", "netns", "exec", NS_B, "nft", "list", "table", "inet", "rampart_" + POLICY).out;
        String input = table.substring(table.indexOf("chain input"), table.indexOf("chain forward"));
        for (String family : List.of("ip", "ip6")) {
            Matcher m = Pattern.compile("\\b" + family + " saddr @block_v[46] tcp dport @block_ports counter packets (\\d+)").matcher(input);
            assertTrue(m.find() && Long.parseLong(m.group(1)) >= 2, family + " input rule counted the dropped SYNs:\n" + table);
        }

        // applying again replaces the table (one transaction), still blocking
        nft.apply(policy, true);
        assertEquals(List.of(POLICY), nft.loadedPolicies());
        assertEquals("timeout", probe(B4));

        assertTrue(nft.remove(POLICY));
        assertEquals(List.of(), nft.loadedPolicies());
        assertFalse(nft.remove(POLICY), "nothing left to remove");
        assertTrue(exec("ip", "netns", "exec", NS_B, "nft", "list", "tables").out.contains("table inet operator_own"),
                "the operator's table stays");
        for (String dst : List.of(B4, B6)) {
            assertEquals("ok", probe(dst), "after removal, A connects to " + dst + " again");
        }
    }

    @Test
    void incidentPolicyInTheClientNamespaceStopsItsOwnConnects() throws Exception {
        // both ways, every port and protocol: A's own SYNs to B die in A's output chain
        NftablesApplier nft = new NftablesApplier(ProcessCommandRunner.inNetns(NS_A), Privileges::effectiveUidIsRoot);
        BlockPolicy policy = BlockPolicy.forIncident(PID, List.of(B4, B6), java.time.Instant.now());
        assertEquals("ok", probe(B4));
        nft.apply(policy, true);
        try {
            assertEquals(List.of(policy.name()), nft.loadedPolicies());
            for (String dst : List.of(B4, B6)) {
                String r = probe(dst);
                // the kernel reports a packet dropped by the local output hook to the sender at once
                assertTrue(r.equals("timeout") || r.equals("error Operation not permitted"), dst + ": " + r);
            }
        } finally {
            assertTrue(nft.remove(policy.name()));
        }
        for (String dst : List.of(B4, B6)) {
            assertEquals("ok", probe(dst), "after removal, A connects to " + dst + " again");
        }
    }

    private static String probe(String address) throws IOException {
        probeIn.println(address + " " + PORT + " " + TIMEOUT_MS);
        String r = probeOut.readLine();
        return r == null ? "prober died" : r;
    }

    private static ProcessBuilder peer(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java")));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Xss")).toList());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(NetnsPeer.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    private record Result(int exit, String out, String err) {
    }

    private static void ok(String... argv) throws Exception {
        Result r = exec(argv);
        assertEquals(0, r.exit, String.join(" ", argv) + ": " + r.err);
    }

    private static Result exec(String... argv) throws Exception {
        return exec(List.of(argv), "");
    }

    private static Result exec(List<String> argv, String stdin) throws Exception {
        try {
            CommandRunner.Result r = new ProcessCommandRunner(List.of(), java.time.Duration.ofSeconds(30)).run(argv, stdin);
            return new Result(r.exitCode(), r.stdout(), r.stderr());
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage());
        }
    }
}
