package dev.rampart.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the console does with block policies: generate (store and show), apply (load into nftables
 * once confirmed), remove, and list the stored ones next to what nftables has loaded now.
 */
public final class BlockPolicies {
    private final PolicyStore store;
    private final NftablesApplier nft;
    private final Clock clock;

    /** A stored policy and whether its table is loaded right now (null: nft could not be asked). */
    public record Entry(StoredPolicy stored, Boolean loaded) {
    }

    public BlockPolicies(PolicyStore store, NftablesApplier nft, Clock clock) {
        this.store = store;
        this.nft = nft;
        this.clock = clock;
    }

    /** Stores {@code p} as generated (replacing a stored, unapplied one of that name) and returns its script. */
    public String generate(BlockPolicy p) {
        store.get(p.name()).ifPresent(old -> {
            if (old.status() == StoredPolicy.Status.APPLIED) {
                throw new IllegalStateException("block policy " + p.name() + " is applied; remove it before generating it again");
            }
        });
        store.put(new StoredPolicy(p, StoredPolicy.Status.GENERATED, clock.instant()));
        return NftablesRenderer.render(p);
    }

    /** Loads a stored policy into nftables; see {@link NftablesApplier#apply}. */
    public StoredPolicy apply(String name, boolean confirmed) {
        StoredPolicy p = store.get(name).orElseThrow(() -> new IllegalArgumentException("no stored block policy " + name));
        nft.apply(p.policy(), confirmed);
        return store.mark(name, StoredPolicy.Status.APPLIED, clock.instant());
    }

    /** Unloads a policy's table (if loaded) and marks it removed; returns whether a table went. */
    public boolean remove(String name) {
        boolean removed = nft.remove(name);
        if (store.get(name).isPresent()) {
            store.mark(name, StoredPolicy.Status.REMOVED, clock.instant());
        }
        return removed;
    }

    public List<Entry> list() {
        Set<String> loaded;
        try {
            loaded = new HashSet<>(nft.loadedPolicies());
        } catch (NftablesException e) {
            loaded = null;
        }
        List<Entry> out = new ArrayList<>();
        for (StoredPolicy p : store.list().policies()) {
            out.add(new Entry(p, loaded == null ? null : loaded.contains(p.name())));
        }
        return out;
    }
}
