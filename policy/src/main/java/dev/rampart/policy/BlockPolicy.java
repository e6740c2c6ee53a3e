package dev.rampart.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A validated block policy: drop traffic from and/or to some addresses, optionally only to some
 * destination ports of one transport. Every field is checked here, so what the renderer writes
 * into an nft script is built only from numbers, enum constants and a name of {@code [a-z0-9_]}.
 *
 * <p>Addresses are kept sorted with networks inside another listed network dropped, and port ranges
 * sorted and merged: nft refuses overlapping elements in an interval set.
 *
 * @param name      the policy's name; its nftables table is {@code rampart_<name>}
 * @param addresses the peers to block (at least one), IPv4 and/or IPv6
 * @param ports     destination ports of the blocked connections; empty means every port
 * @param protocol  the transport; {@link BlockProtocol#ANY} with ports means TCP and UDP
 * @param direction which way traffic is dropped, seen from the host applying the policy
 * @param createdAt when the policy was generated
 * @param reason    why (e.g. {@code incident 42}); one line of printable text, kept out of nft rules
 */
public record BlockPolicy(String name, List<IpNet> addresses, List<PortRange> ports, BlockProtocol protocol,
                          BlockDirection direction, Instant createdAt, String reason) {
    public static final String TABLE_PREFIX = "rampart_";
    public static final int MAX_ADDRESSES = 65_536;
    public static final int MAX_REASON = 200;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,48}");

    public BlockPolicy {
        validateName(name);
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(createdAt, "createdAt");
        addresses = normaliseAddresses(addresses);
        ports = mergePorts(ports == null ? List.of() : ports);
        reason = validateReason(reason);
    }

    /** A policy blocking {@code addresses} both ways on every port, named after the incident. */
    public static BlockPolicy forIncident(long incidentId, Collection<String> addresses, Instant now) {
        if (incidentId <= 0) {
            throw new PolicyValidationException("incident id " + incidentId + ": expected a positive number");
        }
        return builder("incident_" + incidentId).addresses(addresses).direction(BlockDirection.BOTH)
                .reason("incident " + incidentId).createdAt(now).build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The nftables table this policy lives in (family inet). */
    public String tableName() {
        return TABLE_PREFIX + name;
    }

    public List<IpNet> v4() {
        return addresses.stream().filter(a -> !a.isV6()).toList();
    }

    public List<IpNet> v6() {
        return addresses.stream().filter(IpNet::isV6).toList();
    }

    /** @throws PolicyValidationException unless {@code name} is 1..48 of {@code [a-z0-9_]} */
    public static String validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new PolicyValidationException("policy name " + IpNet.quote(name)
                    + ": expected 1..48 characters of a-z, 0-9 and _");
        }
        return name;
    }

    private static List<IpNet> normaliseAddresses(List<IpNet> given) {
        if (given == null || given.isEmpty()) {
            throw new PolicyValidationException("a block policy needs at least one address");
        }
        if (given.size() > MAX_ADDRESSES) {
            throw new PolicyValidationException(given.size() + " addresses; at most " + MAX_ADDRESSES + " in one policy");
        }
        // sorted, so a network comes before everything inside it
        TreeSet<IpNet> sorted = new TreeSet<>();
        for (IpNet a : given) {
            sorted.add(Objects.requireNonNull(a, "address"));
        }
        List<IpNet> kept = new ArrayList<>(sorted.size());
        IpNet covering = null;
        for (IpNet a : sorted) {
            if (covering != null && covering.contains(a)) {
                continue;
            }
            kept.add(a);
            covering = a;
        }
        return List.copyOf(kept);
    }

    private static List<PortRange> mergePorts(List<PortRange> given) {
        List<PortRange> sorted = new ArrayList<>(given);
        sorted.forEach(p -> Objects.requireNonNull(p, "port"));
        sorted.sort(null);
        List<PortRange> merged = new ArrayList<>();
        for (PortRange p : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && p.low() <= merged.get(last).high() + 1) {
                PortRange m = merged.get(last);
                merged.set(last, new PortRange(m.low(), Math.max(m.high(), p.high())));
            } else {
                merged.add(p);
            }
        }
        return List.copyOf(merged);
    }

    private static String validateReason(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.length() > MAX_REASON) {
            throw new PolicyValidationException("reason: " + reason.length() + " characters, at most " + MAX_REASON);
        }
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new PolicyValidationException("reason " + IpNet.quote(reason) + ": one line of printable text");
            }
        }
        return reason;
    }

    /** Collects a policy from operator input (text addresses and ports); {@link #build} validates. */
    public static final class Builder {
        private final String name;
        private final List<IpNet> addresses = new ArrayList<>();
        private final List<PortRange> ports = new ArrayList<>();
        private BlockProtocol protocol = BlockProtocol.ANY;
        private BlockDirection direction = BlockDirection.INBOUND;
        private Instant createdAt;
        private String reason = "";

        private Builder(String name) {
            this.name = name;
        }

        public Builder address(String address) {
            addresses.add(IpNet.parse(address));
            return this;
        }

        public Builder addresses(Collection<String> all) {
            all.forEach(this::address);
            return this;
        }

        public Builder port(String port) {
            ports.add(PortRange.parse(port));
            return this;
        }

        public Builder port(int port) {
            ports.add(PortRange.of(port));
            return this;
        }

        public Builder protocol(BlockProtocol p) {
            this.protocol = p;
            return this;
        }

        public Builder direction(BlockDirection d) {
            this.direction = d;
            return this;
        }

        public Builder createdAt(Instant at) {
            this.createdAt = at;
            return this;
        }

        public Builder reason(String r) {
            this.reason = r;
            return this;
        }

        public BlockPolicy build() {
            return new BlockPolicy(name, addresses, ports, protocol, direction,
                    createdAt == null ? Instant.now() : createdAt, reason);
        }
    }
}
