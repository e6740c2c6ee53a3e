package dev.rampart.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftablesApplierTest {
    private static final BlockPolicy POLICY = BlockPolicy.builder("incident_7").address("203.0.113.5")
            .createdAt(Instant.parse("2026-11-28T12:00:00Z")).build();

    private static final String TABLES = """
            table inet filter
            table ip nat
            table inet rampart_incident_7
            table ip rampart_not_inet
            table inet rampart_Bad-Name
            table inet rampart_incident_9
            table inet rampart
            """;

    @Test
    void appliesTheRenderedScriptThroughNftStdin() {
        RecordingRunner runner = new RecordingRunner();
        String script = new NftablesApplier(runner, () -> true).apply(POLICY, true);
        assertEquals(NftablesRenderer.render(POLICY), script);
        assertEquals(1, runner.calls.size());
        assertEquals(List.of("nft", "-f", "-"), runner.calls.get(0).command());
        assertEquals(script, runner.calls.get(0).stdin());
    }

    @Test
    void refusesWithoutConfirmationAndRunsNothing() {
        RecordingRunner runner = new RecordingRunner();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new NftablesApplier(runner, () -> true).apply(POLICY, false));
        assertTrue(e.getMessage().contains("confirmation"), e.getMessage());
        assertTrue(runner.calls.isEmpty());
    }

    @Test
    void refusesWhenNotRootAndRunsNothing() {
        RecordingRunner runner = new RecordingRunner();
        NftablesApplier nft = new NftablesApplier(runner, () -> false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> nft.apply(POLICY, true));
        assertTrue(e.getMessage().contains("root"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> nft.remove("incident_7"));
        assertTrue(runner.calls.isEmpty());
    }

    @Test
    void nftSyntaxErrorsBecomeMessagesWithTheScriptLine() {
        // nft 1.0.6's answer to a bad script: location, message, the echoed line and a caret line
        String stderr = """
                /dev/stdin:2:39-48: Error: You must add 'flags interval' to your set declaration if you want to add prefix elements
                 set s { type ipv4_addr; elements = { 10.0.0.1/8 } }
                                                      ^^^^^^^^^^
                """;
        RecordingRunner runner = new RecordingRunner().answer(1, "", stderr);
        NftablesException e = assertThrows(NftablesException.class, () -> new NftablesApplier(runner, () -> true).apply(POLICY, true));
        String line2 = NftablesRenderer.render(POLICY).split("\n")[1].trim();
        assertEquals(List.of("line 2: You must add 'flags interval' to your set declaration if you want to add prefix elements ["
                + line2 + "]"), e.messages());
        assertTrue(e.getMessage().startsWith("nft refused block policy incident_7: line 2:"), e.getMessage());
    }

    @Test
    void permissionErrorsSayWhatIsNeeded() {
        String stderr = """
                Operation not permitted (you must be root)
                netlink: Error: cache initialization failed: Operation not permitted
                /dev/stdin:1:1-21: Error: Could not process rule: Operation not permitted
                table inet rampart_x
                ^^^^^^^^^^^^^^^^^^^^^
                """;
        RecordingRunner runner = new RecordingRunner().answer(1, "", stderr);
        NftablesException e = assertThrows(NftablesException.class, () -> new NftablesApplier(runner, () -> true).apply(POLICY, true));
        assertEquals(2, e.messages().size(), e.messages().toString());
        assertEquals("cache initialization failed: Operation not permitted (nft needs root or CAP_NET_ADMIN)", e.messages().get(0));
        assertTrue(e.messages().get(1).startsWith("line 1: Could not process rule: Operation not permitted (nft needs root"), e.messages().get(1));
    }

    @Test
    void unrecognisedFailureKeepsNftsFirstLineOrStatus() {
        RecordingRunner runner = new RecordingRunner().answer(3, "", "something odd\nmore\n").answer(2, "", "");
        NftablesApplier nft = new NftablesApplier(runner, () -> true);
        assertEquals(List.of("something odd"), assertThrows(NftablesException.class, () -> nft.apply(POLICY, true)).messages());
        assertEquals(List.of("nft exited with status 2"), assertThrows(NftablesException.class, () -> nft.apply(POLICY, true)).messages());
    }

    @Test
    void missingNftIsAClearError() {
        NftablesApplier nft = new NftablesApplier(new RecordingRunner().missingBinary(), () -> true);
        NftablesException e = assertThrows(NftablesException.class, () -> nft.apply(POLICY, true));
        assertTrue(e.getMessage().contains("nftables installed"), e.getMessage());
    }

    @Test
    void listsOnlyRampartInetTablesWithValidNames() {
        RecordingRunner runner = new RecordingRunner().answer(0, TABLES, "");
        assertEquals(List.of("incident_7", "incident_9"), new NftablesApplier(runner, () -> true).loadedPolicies());
        assertEquals(List.of("nft", "list", "tables"), runner.calls.get(0).command());
    }

    @Test
    void removeDeletesOnlyThatRampartTable() {
        RecordingRunner runner = new RecordingRunner().answer(0, TABLES, "").answer(0, "", "");
        assertTrue(new NftablesApplier(runner, () -> true).remove("incident_9"));
        assertEquals(2, runner.calls.size());
        assertEquals(List.of("nft", "-f", "-"), runner.calls.get(1).command());
        assertEquals("delete table inet rampart_incident_9\n", runner.calls.get(1).stdin());
    }

    @Test
    void removeOfAPolicyNotLoadedRunsNoDelete() {
        RecordingRunner runner = new RecordingRunner().answer(0, TABLES, "");
        assertFalse(new NftablesApplier(runner, () -> true).remove("incident_8"));
        assertEquals(1, runner.calls.size());
    }

    @Test
    void removeRefusesNamesThatAreNotRampartPolicies() {
        RecordingRunner runner = new RecordingRunner();
        NftablesApplier nft = new NftablesApplier(runner, () -> true);
        assertThrows(PolicyValidationException.class, () -> nft.remove("filter; flush ruleset"));
        assertThrows(PolicyValidationException.class, () -> nft.remove("Bad-Name"));
        assertTrue(runner.calls.isEmpty());
    }

    @Test
    void removeFailureIsReported() {
        String stderr = """
                /dev/stdin:1:19-30: Error: Could not process rule: No such file or directory
                delete table inet rampart_incident_7
                                  ^^^^^^^^^^^^^^^^^^
                """;
        RecordingRunner runner = new RecordingRunner().answer(0, TABLES, "").answer(1, "", stderr);
        NftablesException e = assertThrows(NftablesException.class, () -> new NftablesApplier(runner, () -> true).remove("incident_7"));
        assertEquals(List.of("line 1: Could not process rule: No such file or directory [delete table inet rampart_incident_7]"), e.messages());
    }
}
