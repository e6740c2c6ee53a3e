package dev.rampart.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy as the store keeps it: the policy, where it stands, and when that last changed.
 */
public record StoredPolicy(BlockPolicy policy, Status status, Instant updatedAt) {
    public enum Status {
        /** Rendered and shown to the operator, not loaded into nftables. */
        GENERATED,
        /** Loaded into nftables by Rampart. */
        APPLIED,
        /** Was applied, then removed from nftables by Rampart. */
        REMOVED
    }

    public StoredPolicy {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String name() {
        return policy.name();
    }

    public StoredPolicy with(Status s, Instant at) {
        return new StoredPolicy(policy, s, at);
    }
}
