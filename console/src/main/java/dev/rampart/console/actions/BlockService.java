package dev.rampart.console.actions;

import java.io.IOException;
import java.util.List;

/**
 * Blocking an incident's traffic with a network policy: generate a policy (nothing applied), show
 * it, apply it only on the operator's explicit confirmation, list and remove. The console drives
 * this interface; {@link PolicyBlockService} implements it with the {@code policy} module.
 */
public interface BlockService {
    /** A generated policy and whether it is applied now. */
    record Policy(String id, long incidentId, String table, String script, boolean applied, String lastResult) {
    }

    /** What a policy is generated for: the incident's two hosts and its service ports. */
    record Target(long incidentId, String hostA, String hostB, List<Integer> ports) {
    }

    Policy generate(Target target) throws IOException;

    /** Applies a generated policy; the result says what {@code nft} answered. */
    Policy apply(String id) throws IOException;

    List<Policy> list() throws IOException;

    Policy find(String id) throws IOException;

    /** Removes the policy (deleting its table first when applied); false when unknown. */
    boolean remove(String id) throws IOException;
}
