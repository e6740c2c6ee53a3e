package dev.rampart.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoreTest {
    private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path dir;

    private static BlockPolicy policy(String name, Instant created) {
        return BlockPolicy.builder(name).address("203.0.113.5").address("2001:db8::/48").port("443").port("8000-8100")
                .protocol(BlockProtocol.TCP).direction(BlockDirection.OUTBOUND).reason("incident 5: caf\u00e9").createdAt(created).build();
    }

    @Test
    void roundTripsEveryField() {
        PolicyStore store = new PolicyStore(dir.resolve("state/policies"));
        StoredPolicy p = new StoredPolicy(policy("incident_5", T), StoredPolicy.Status.GENERATED, T.plusSeconds(1));
        store.put(p);
        assertEquals(p, store.get("incident_5").orElseThrow());
        // and a fresh store over the same directory reads the same
        assertEquals(p, new PolicyStore(dir.resolve("state/policies")).get("incident_5").orElseThrow());
        assertTrue(store.get("incident_6").isEmpty());
    }

    @Test
    void listsByCreationTimeAndTracksStatus() {
        PolicyStore store = new PolicyStore(dir);
        store.put(new StoredPolicy(policy("later", T.plusSeconds(60)), StoredPolicy.Status.GENERATED, T));
        store.put(new StoredPolicy(policy("earlier", T), StoredPolicy.Status.GENERATED, T));
        StoredPolicy applied = store.mark("later", StoredPolicy.Status.APPLIED, T.plusSeconds(61));
        assertEquals(StoredPolicy.Status.APPLIED, applied.status());
        PolicyStore.Listing l = store.list();
        assertEquals(List.of("earlier", "later"), l.policies().stream().map(StoredPolicy::name).toList());
        assertEquals(StoredPolicy.Status.APPLIED, l.policies().get(1).status());
        assertEquals(T.plusSeconds(61), l.policies().get(1).updatedAt());
        assertTrue(l.problems().isEmpty());
        assertTrue(store.delete("earlier"));
        assertFalse(store.delete("earlier"));
        assertEquals(List.of("later"), store.list().policies().stream().map(StoredPolicy::name).toList());
        assertThrows(IllegalArgumentException.class, () -> store.mark("earlier", StoredPolicy.Status.REMOVED, T));
    }

    @Test
    void anEditedFileIsValidatedLikeInputAndReportedNotLoaded() throws Exception {
        PolicyStore store = new PolicyStore(dir);
        store.put(new StoredPolicy(policy("good", T), StoredPolicy.Status.GENERATED, T));
        store.put(new StoredPolicy(policy("evil", T), StoredPolicy.Status.GENERATED, T));
        Path evil = dir.resolve("evil.json");
        Files.writeString(evil, Files.readString(evil).replace("\"203.0.113.5\"", "\"203.0.113.5 } flush ruleset {\""));
        Files.writeString(dir.resolve("renamed.json"), Files.readString(dir.resolve("good.json")));
        Files.writeString(dir.resolve("garbage.json"), "{not json");
        PolicyStore.Listing l = store.list();
        assertEquals(List.of("good"), l.policies().stream().map(StoredPolicy::name).toList());
        assertEquals(3, l.problems().size(), l.problems().toString());
        assertTrue(l.problems().get(0).startsWith("evil.json: address"), l.problems().toString());
        assertTrue(l.problems().get(1).startsWith("garbage.json"), l.problems().toString());
        assertTrue(l.problems().get(2).startsWith("renamed.json: holds policy \"good\""), l.problems().toString());
        assertThrows(PolicyValidationException.class, () -> store.get("evil"));
    }

    @Test
    void namesAreValidatedBeforeTouchingFiles() {
        PolicyStore store = new PolicyStore(dir);
        assertThrows(PolicyValidationException.class, () -> store.get("../etc/passwd"));
        assertThrows(PolicyValidationException.class, () -> store.delete("../x"));
    }

    @Test
    void blockPoliciesGenerateApplyListRemove() {
        PolicyStore store = new PolicyStore(dir);
        RecordingRunner runner = new RecordingRunner()
                .answer(0, "", "")                                         // apply
                .answer(0, "table inet rampart_incident_5\n", "")          // list
                .answer(0, "table inet rampart_incident_5\n", "")          // remove: list
                .answer(0, "", "")                                         // remove: delete
                .answer(0, "table inet filter\n", "");                     // list
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        BlockPolicies policies = new BlockPolicies(store, new NftablesApplier(runner, () -> true), clock);
        String script = policies.generate(policy("incident_5", T));
        assertEquals(NftablesRenderer.render(policy("incident_5", T)), script);
        assertEquals(StoredPolicy.Status.GENERATED, store.get("incident_5").orElseThrow().status());
        assertTrue(runner.calls.isEmpty(), "generating runs nothing");

        assertEquals(StoredPolicy.Status.APPLIED, policies.apply("incident_5", true).status());
        assertThrows(IllegalStateException.class, () -> policies.generate(policy("incident_5", T)), "applied: remove first");
        List<BlockPolicies.Entry> listed = policies.list();
        assertEquals(1, listed.size());
        assertEquals(Boolean.TRUE, listed.get(0).loaded());

        assertTrue(policies.remove("incident_5"));
        assertEquals(StoredPolicy.Status.REMOVED, store.get("incident_5").orElseThrow().status());
        assertEquals(Boolean.FALSE, policies.list().get(0).loaded());
        assertEquals(5, runner.calls.size());
    }
}
