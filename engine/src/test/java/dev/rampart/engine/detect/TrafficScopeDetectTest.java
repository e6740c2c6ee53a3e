package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.engine.scope.SocketOwners;
import dev.rampart.engine.scope.TrafficScope;
import dev.rampart.engine.scope.TrafficScope.Mode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Traffic scope in the packet path: only the flows of listed processes, all but theirs, or
 * nothing; a flow is analysed while its owner is unknown and decided by mode once the owner
 * stays unknown past the grace time.
 */
class TrafficScopeDetectTest {
    private static final String[] RULES = {
        "alert tcp any any -> any any (msg:\"attack\"; flow:to_server; content:\"ATTACK\"; sid:1;)",
        "alert tcp any any -> any any (msg:\"late\"; flow:to_server; content:\"LATE\"; sid:2;)"};

    /** The server (192.0.2.10) is this host; its ports belong to these processes; 7070 to none known. */
    private static final class Owners implements SocketOwners {
        final Map<Integer, ProcessInfo> byPort = Map.of(
                8080, new ProcessInfo(10, "nginx", "/usr/sbin/nginx"),
                9090, new ProcessInfo(20, "backup-agent-lo", "/opt/b/backup-agent-long-name"));
        int refreshes;

        @Override
        public ProcessInfo owner(int ipProto, int ipVersion, long hi, long lo, int port) {
            return byPort.get(port);
        }

        @Override
        public boolean isLocal(int ipVersion, long hi, long lo) {
            return ipVersion == 4 && lo == 0xC000020AL; // 192.0.2.10
        }

        @Override
        public void refreshSoon() {
            refreshes++;
        }
    }

    /** Three sessions sending ATTACK to ports 8080, 9090 and 7070; the last one sends LATE 3 s later. */
    private static Trace trace() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        int port = 40000;
        for (int server : new int[] {8080, 9090}) {
            new TcpSession(t, DetectHarness.CLIENT, port++, DetectHarness.SERVER, server, 1000, 5000).handshake()
                    .clientSends("ATTACK".getBytes(StandardCharsets.US_ASCII)).close();
        }
        TcpSession slow = new TcpSession(t, DetectHarness.CLIENT, port, DetectHarness.SERVER, 7070, 1000, 5000).handshake()
                .clientSends("ATTACK early".getBytes(StandardCharsets.US_ASCII));
        t.advance(3_000_000); // past the grace time: the owner stays unknown
        slow.clientSends("LATE".getBytes(StandardCharsets.US_ASCII)).close();
        return t;
    }

    /** The server ports of the alerts, in order. */
    private static List<Integer> run(TrafficScope scope, Owners owners, Map<String, Object>[] stats) {
        List<Integer> ports = new ArrayList<>();
        DetectHarness h = new DetectHarness(RULES);
        DetectStage stage = new DetectStage(h.plan, (e, r) -> ports.add(e.dstPort));
        PacketPath path = PacketPath.withDetection(new PacketPath.Config(), stage);
        path.setScope(scope, owners);
        DetectHarness.feed(path, trace());
        if (stats != null) {
            stats[0] = path.stats(null);
        }
        return ports;
    }

    @Test
    void onlyListedProcessesAreAnalysed() {
        Owners o = new Owners();
        // 7070's first ATTACK is analysed while its owner is unknown; after the grace it is no one's: out
        assertEquals(List.of(8080, 7070), run(TrafficScope.of(true, Mode.ONLY_LISTED, List.of("nginx")), o, null));
        assertTrue(o.refreshes > 0, "an unknown owner asks for a refresh");
        // by executable path and by file name of the path; a name Linux cut to 15 characters by prefix
        assertEquals(List.of(9090, 7070), run(TrafficScope.of(true, Mode.ONLY_LISTED, List.of("/opt/b/backup-agent-long-name")), new Owners(), null));
        assertEquals(List.of(9090, 7070), run(TrafficScope.of(true, Mode.ONLY_LISTED, List.of("backup-agent-long-name")), new Owners(), null));
        assertEquals(List.of(8080, 7070), run(TrafficScope.of(true, Mode.ONLY_LISTED, List.of("/usr/sbin/nginx")), new Owners(), null));
    }

    @Test
    void allButListedProcessesAreAnalysed() {
        @SuppressWarnings("unchecked")
        Map<String, Object>[] stats = new Map[1];
        // 7070 stays in: a flow of no known process is not a listed one's
        assertEquals(List.of(9090, 7070, 7070), run(TrafficScope.of(true, Mode.ALL_BUT_LISTED, List.of("nginx")), new Owners(), stats));
        String s = stats[0].toString();
        assertTrue(s.contains("flows_out=1"), s);
        assertTrue(s.contains("flows_in=2"), s);
        assertFalse(s.contains("packets_not_analysed=0"), "the nginx session's packets were not analysed: " + s);
    }

    @Test
    void analysisOffAnalysesNothingAndAllAnalysesEverything() {
        assertEquals(List.of(), run(TrafficScope.of(false, Mode.ALL, List.of()), new Owners(), null));
        assertEquals(List.of(8080, 9090, 7070, 7070), run(TrafficScope.ALL, new Owners(), null));
        assertEquals(List.of(8080, 9090, 7070, 7070), run(TrafficScope.of(true, Mode.ALL, List.of()), new Owners(), null));
    }

    @Test
    void aLocalEndpointWhoseOwnerIsNotKnownYetKeepsTheFlowUndecided() {
        // loopback: both ends are this host's; the server (port 80) is known, the new client socket not yet
        java.util.Map<Integer, SocketOwners.ProcessInfo> known = new java.util.HashMap<>();
        known.put(80, new SocketOwners.ProcessInfo(1, "nginx", "/usr/sbin/nginx"));
        SocketOwners o = new SocketOwners() {
            @Override
            public ProcessInfo owner(int ipProto, int ipVersion, long hi, long lo, int port) {
                return known.get(port);
            }

            @Override
            public boolean isLocal(int ipVersion, long hi, long lo) {
                return true;
            }

            @Override
            public void refreshSoon() {
            }
        };
        TrafficScope onlyCurl = TrafficScope.of(true, Mode.ONLY_LISTED, List.of("curl"));
        dev.rampart.engine.flow.Flow f = dev.rampart.engine.flow.Flow.detached();
        f.ipProto = 6;
        f.ipVersion = 4;
        f.srcPort = 51000;
        f.dstPort = 80;
        assertTrue(onlyCurl.analyses(f, o), "analysed while the client's owner is unknown");
        assertEquals(TrafficScope.UNDECIDED, f.scope, "nginx alone does not decide it: the client may be curl");
        known.put(51000, new SocketOwners.ProcessInfo(2, "curl", "/usr/bin/curl"));
        assertTrue(onlyCurl.analyses(f, o));
        assertEquals(TrafficScope.IN, f.scope);
        // a listed owner decides at once, whatever the other end
        dev.rampart.engine.flow.Flow g = dev.rampart.engine.flow.Flow.detached();
        g.ipProto = 6;
        g.ipVersion = 4;
        g.srcPort = 52000;
        g.dstPort = 80;
        assertFalse(TrafficScope.of(true, Mode.ALL_BUT_LISTED, List.of("nginx")).analyses(g, o));
        assertEquals(TrafficScope.OUT, g.scope);
    }

    @Test
    void listedModesNeedProcesses() {
        assertThrows(IllegalArgumentException.class, () -> TrafficScope.of(true, Mode.ONLY_LISTED, List.of()));
        assertTrue(TrafficScope.of(true, Mode.ALL_BUT_LISTED, List.of("x")).needsOwners());
        assertFalse(TrafficScope.of(false, Mode.ALL_BUT_LISTED, List.of("x")).needsOwners());
        assertEquals("only nginx", TrafficScope.of(true, Mode.ONLY_LISTED, List.of("nginx")).toString());
        assertEquals(new TreeSet<>(List.of("a", "b")), new TreeSet<>(TrafficScope.of(true, Mode.ONLY_LISTED, List.of("a", "b")).processes()));
    }
}
