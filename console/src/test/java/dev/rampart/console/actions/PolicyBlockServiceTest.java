package dev.rampart.console.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.policy.CommandRunner;
import dev.rampart.policy.NftablesApplier;
import dev.rampart.policy.PolicyStore;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's block adapter over the policy module: what goes into a policy, and what nft is asked. */
class PolicyBlockServiceTest {
    @TempDir
    Path dir;

    final List<String> scripts = new ArrayList<>();
    String nftError = "";

    PolicyBlockService service(String... local) {
        NftablesApplier nft = new NftablesApplier((argv, stdin) -> {
            if (argv.equals(List.of("nft", "list", "tables"))) {
                return new CommandRunner.Result(0, "", "");
            }
            scripts.add(stdin);
            return nftError.isEmpty() ? new CommandRunner.Result(0, "", "")
                    : new CommandRunner.Result(1, "", nftError);
        }, () -> true);
        List<String> mine = List.of(local);
        return new PolicyBlockService(new PolicyStore(dir.resolve("policies")), nft,
                Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC),
                a -> mine.contains(a.getHostAddress()));
    }

    @Test
    void anAddressOfThisMachineIsNeverBlocked() throws Exception {
        PolicyBlockService block = service("192.168.1.1");
        BlockService.Policy p = block.generate(new BlockService.Target(42, "192.168.1.1", "203.0.113.9", List.of(80)));
        assertEquals("incident_42", p.id());
        assertEquals(42, p.incidentId());
        assertEquals("rampart_incident_42", p.table());
        assertTrue(p.script().contains("203.0.113.9"), p.script());
        assertFalse(p.script().contains("192.168.1.1"), p.script());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> block.generate(new BlockService.Target(43, "192.168.1.1", "192.168.1.1", List.of())));
        assertTrue(e.getMessage().contains("addresses of this machine"), e.getMessage());
        assertNull(block.find("incident_43"));
        assertTrue(scripts.isEmpty(), "generating runs nothing");
    }

    @Test
    void nftRefusingTheScriptIsTheResultNotAnException() throws Exception {
        PolicyBlockService block = service();
        block.generate(new BlockService.Target(7, "10.0.0.1", "10.0.0.2", List.of()));
        nftError = "/dev/stdin:9:3-9: Error: Could not process rule: Operation not permitted";
        BlockService.Policy p = block.apply("incident_7");
        assertFalse(p.applied());
        assertTrue(p.lastResult().startsWith("not applied: nft refused block policy incident_7"), p.lastResult());
        assertEquals(1, scripts.size());
        assertEquals(List.of(p), block.list());
        assertThrows(IllegalArgumentException.class, () -> block.apply("incident_8"));
        assertNull(block.find("../etc/passwd"));
        assertTrue(block.remove("incident_7"));
        assertFalse(Files.exists(dir.resolve("policies/incident_7.json")));
        assertFalse(block.remove("incident_7"));
    }

    @Test
    void hostsAreIpLiteralsOnly() {
        PolicyBlockService block = service();
        assertThrows(IllegalArgumentException.class,
                () -> block.generate(new BlockService.Target(9, "example.org", "10.0.0.2", List.of())));
        assertTrue(PolicyBlockService.isThisHost(InetAddress.getLoopbackAddress()));
    }
}
