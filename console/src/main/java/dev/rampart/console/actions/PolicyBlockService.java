package dev.rampart.console.actions;

import dev.rampart.policy.BlockPolicies;
import dev.rampart.policy.BlockPolicy;
import dev.rampart.policy.NftablesApplier;
import dev.rampart.policy.NftablesException;
import dev.rampart.policy.NftablesRenderer;
import dev.rampart.policy.PolicyStore;
import dev.rampart.policy.PolicyValidationException;
import dev.rampart.policy.StoredPolicy;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's block actions over the {@code policy} module: an incident's policy is
 * {@link BlockPolicy#forIncident} (its peers blocked both ways, table {@code inet rampart_incident_ID}),
 * stored by {@link PolicyStore}, rendered by {@link NftablesRenderer} and applied or removed by
 * {@link NftablesApplier} (confirmation and root checked there). An address of this machine is
 * never put into a policy: blocking it would cut the host off, the console included.
 */
public final class PolicyBlockService implements BlockService {
    private static final Pattern INCIDENT_NAME = Pattern.compile("incident_(\\d{1,18})");

    private final PolicyStore store;
    private final BlockPolicies policies;
    private final Clock clock;
    private final Predicate<InetAddress> localAddress;
    /** What the last apply or remove said, per policy, for the policy page (not persisted). */
    private final Map<String, String> lastResult = new ConcurrentHashMap<>();

    public PolicyBlockService(PolicyStore store, NftablesApplier nft, Clock clock, Predicate<InetAddress> localAddress) {
        this.store = store;
        this.policies = new BlockPolicies(store, nft, clock);
        this.clock = clock;
        this.localAddress = localAddress;
    }

    /** nft on this host, root checked through the effective uid; local addresses from the interfaces. */
    public static PolicyBlockService local(PolicyStore store) {
        return new PolicyBlockService(store, NftablesApplier.local(), Clock.systemUTC(), PolicyBlockService::isThisHost);
    }

    /** True for loopback, wildcard and any address assigned to an interface of this machine. */
    public static boolean isThisHost(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    @Override
    public synchronized Policy generate(Target t) {
        Set<String> peers = new LinkedHashSet<>();
        for (String host : new String[] {t.hostA(), t.hostB()}) {
            if (host != null && !host.isEmpty() && !localAddress.test(literal(host))) {
                peers.add(host);
            }
        }
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("both hosts of incident " + t.incidentId()
                    + " are addresses of this machine: blocking them would cut it off, so no policy is generated");
        }
        BlockPolicy p;
        try {
            p = BlockPolicy.forIncident(t.incidentId(), peers, clock.instant());
        } catch (PolicyValidationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            policies.generate(p);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        lastResult.put(p.name(), "generated, not applied");
        return find(p.name());
    }

    /** Applies after the console checked the confirmation; a refusal (not root, nft error) is the result, not an exception. */
    @Override
    public synchronized Policy apply(String id) {
        Policy known = find(id);
        if (known == null) {
            throw new IllegalArgumentException("no policy " + id);
        }
        try {
            policies.apply(id, true);
            lastResult.put(id, "applied");
        } catch (IllegalStateException | NftablesException e) {
            // not root, or nft missing or refusing the script: shown on the policy page as it is
            lastResult.put(id, "not applied: " + e.getMessage());
        }
        return find(id);
    }

    @Override
    public synchronized List<Policy> list() {
        List<Policy> out = new ArrayList<>();
        for (BlockPolicies.Entry e : policies.list()) {
            StoredPolicy s = e.stored();
            if (s.status() == StoredPolicy.Status.REMOVED) {
                continue;
            }
            String note = lastResult.getOrDefault(s.name(), s.status().name().toLowerCase());
            if (s.status() == StoredPolicy.Status.APPLIED && Boolean.FALSE.equals(e.loaded())) {
                note = "applied by Rampart, but its table is not loaded in nftables now";
            }
            out.add(view(s, note));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public synchronized Policy find(String id) {
        if (id == null || !INCIDENT_NAME.matcher(id).matches()) {
            return null;
        }
        return store.get(id).filter(s -> s.status() != StoredPolicy.Status.REMOVED)
                .map(s -> view(s, lastResult.getOrDefault(id, s.status().name().toLowerCase()))).orElse(null);
    }

    /** Unloads an applied policy (root needed) and forgets it; false when unknown. */
    @Override
    public synchronized boolean remove(String id) {
        Policy p = find(id);
        if (p == null) {
            return false;
        }
        if (p.applied()) {
            try {
                policies.remove(id);
            } catch (IllegalStateException | NftablesException e) {
                lastResult.put(id, "not removed: " + e.getMessage());
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        store.delete(id);
        lastResult.remove(id);
        return true;
    }

    private static Policy view(StoredPolicy s, String note) {
        Matcher m = INCIDENT_NAME.matcher(s.name());
        long incident = m.matches() ? Long.parseLong(m.group(1)) : 0;
        return new Policy(s.name(), incident, s.policy().tableName(), NftablesRenderer.render(s.policy()),
                s.status() == StoredPolicy.Status.APPLIED, note);
    }

    /** An IP literal (from the journal, never a name): no DNS lookup happens. */
    private static InetAddress literal(String ip) {
        try {
            if (!ip.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("host " + ip + " is not an IP address");
            }
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host " + ip + " is not an IP address", e);
        }
    }
}
