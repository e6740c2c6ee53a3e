package dev.rampart.console.actions;

import dev.rampart.alerts.IpText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Block policies as nftables scripts, one table per incident ({@code inet rampart_block_ID}) with
 * two named address sets (the incident's hosts) and, when known, a set of service ports; input,
 * output and forward chains drop traffic between the two sets in both directions. Policies live
 * in {@code STATE/policies/ID.nft} (+ {@code ID.properties}); applying runs {@code nft -f FILE},
 * removing {@code nft delete table inet NAME}, through the injected {@link CommandRunner}. nft
 * needs root (CAP_NET_ADMIN): without it its error is shown as it is.
 */
public final class NftBlockService implements BlockService {
    private final Path dir;
    private final CommandRunner runner;
    private final String nft;

    public NftBlockService(Path dir, CommandRunner runner, String nft) {
        this.dir = dir;
        this.runner = runner;
        this.nft = nft;
    }

    @Override
    public synchronized Policy generate(Target t) throws IOException {
        long[] a = new long[3];
        long[] b = new long[3];
        IpText.parse(t.hostA(), a);
        IpText.parse(t.hostB(), b);
        if (a[0] != b[0]) {
            throw new IllegalArgumentException("the two hosts are of different IP versions");
        }
        String id = "incident-" + t.incidentId();
        String table = "rampart_block_" + t.incidentId();
        String type = a[0] == 4 ? "ipv4_addr" : "ipv6_addr";
        String family = a[0] == 4 ? "ip" : "ip6";
        String hostA = IpText.format((int) a[0], a[1], a[2]);
        String hostB = IpText.format((int) b[0], b[1], b[2]);
        StringBuilder s = new StringBuilder(512);
        s.append("# Rampart block policy for incident ").append(t.incidentId()).append(": traffic between ")
                .append(hostA).append(" and ").append(hostB);
        boolean ports = !t.ports().isEmpty();
        if (ports) {
            s.append(" on service ports ").append(t.ports());
        }
        s.append('\n');
        s.append("table inet ").append(table).append(" {\n");
        s.append("  set side_a {\n    type ").append(type).append("\n    elements = { ").append(hostA).append(" }\n  }\n");
        s.append("  set side_b {\n    type ").append(type).append("\n    elements = { ").append(hostB).append(" }\n  }\n");
        if (ports) {
            s.append("  set service_ports {\n    type inet_service\n    elements = { ");
            for (int i = 0; i < t.ports().size(); i++) {
                s.append(i == 0 ? "" : ", ").append(t.ports().get(i));
            }
            s.append(" }\n  }\n");
        }
        String[][] chains = {{"input", "input"}, {"output", "output"}, {"forward", "forward"}};
        for (String[] c : chains) {
            s.append("  chain ").append(c[0]).append(" {\n    type filter hook ").append(c[1])
                    .append(" priority filter; policy accept;\n");
            if (ports) {
                s.append("    ").append(family).append(" saddr @side_a ").append(family)
                        .append(" daddr @side_b th dport @service_ports drop\n");
                s.append("    ").append(family).append(" saddr @side_b ").append(family)
                        .append(" daddr @side_a th sport @service_ports drop\n");
                s.append("    ").append(family).append(" saddr @side_b ").append(family)
                        .append(" daddr @side_a th dport @service_ports drop\n");
                s.append("    ").append(family).append(" saddr @side_a ").append(family)
                        .append(" daddr @side_b th sport @service_ports drop\n");
            } else {
                s.append("    ").append(family).append(" saddr @side_a ").append(family).append(" daddr @side_b drop\n");
                s.append("    ").append(family).append(" saddr @side_b ").append(family).append(" daddr @side_a drop\n");
            }
            s.append("  }\n");
        }
        s.append("}\n");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(id + ".nft"), s, StandardCharsets.UTF_8);
        Policy p = new Policy(id, t.incidentId(), table, s.toString(), false, "generated, not applied");
        writeMeta(p);
        return p;
    }

    @Override
    public synchronized Policy apply(String id) throws IOException {
        Policy p = find(id);
        if (p == null) {
            throw new IllegalArgumentException("no policy " + id);
        }
        // a table left from an earlier apply is replaced, not doubled
        if (p.applied()) {
            runner.run(List.of(nft, "delete", "table", "inet", p.table()), null);
        }
        CommandRunner.Result r = runner.run(List.of(nft, "-f", dir.resolve(id + ".nft").toAbsolutePath().toString()), null);
        boolean ok = r.exitCode() == 0;
        Policy next = new Policy(p.id(), p.incidentId(), p.table(), p.script(), ok,
                ok ? "applied" : "nft failed (exit " + r.exitCode() + "): " + r.output().strip());
        writeMeta(next);
        return next;
    }

    @Override
    public synchronized List<Policy> list() throws IOException {
        List<Policy> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".nft")).sorted().toList()) {
                String name = p.getFileName().toString();
                Policy policy = find(name.substring(0, name.length() - 4));
                if (policy != null) {
                    out.add(policy);
                }
            }
        }
        return out;
    }

    @Override
    public synchronized Policy find(String id) throws IOException {
        if (id == null || !id.matches("incident-\\d{1,19}")) {
            return null;
        }
        Path script = dir.resolve(id + ".nft");
        Path meta = dir.resolve(id + ".properties");
        if (!Files.exists(script) || !Files.exists(meta)) {
            return null;
        }
        Properties m = new Properties();
        try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            m.load(in);
        }
        return new Policy(id, Long.parseLong(m.getProperty("incident", "0")), m.getProperty("table", ""),
                Files.readString(script, StandardCharsets.UTF_8), Boolean.parseBoolean(m.getProperty("applied")),
                m.getProperty("result", ""));
    }

    @Override
    public synchronized boolean remove(String id) throws IOException {
        Policy p = find(id);
        if (p == null) {
            return false;
        }
        if (p.applied()) {
            CommandRunner.Result r = runner.run(List.of(nft, "delete", "table", "inet", p.table()), null);
            if (r.exitCode() != 0) {
                writeMeta(new Policy(p.id(), p.incidentId(), p.table(), p.script(), true,
                        "removing failed (exit " + r.exitCode() + "): " + r.output().strip()));
                throw new IOException("nft could not delete table " + p.table() + ": " + r.output().strip());
            }
        }
        Files.deleteIfExists(dir.resolve(id + ".nft"));
        Files.deleteIfExists(dir.resolve(id + ".properties"));
        return true;
    }

    private void writeMeta(Policy p) throws IOException {
        Properties m = new Properties();
        m.setProperty("incident", String.valueOf(p.incidentId()));
        m.setProperty("table", p.table());
        m.setProperty("applied", String.valueOf(p.applied()));
        m.setProperty("result", p.lastResult());
        Files.createDirectories(dir);
        try (var out = Files.newBufferedWriter(dir.resolve(p.id() + ".properties"), StandardCharsets.UTF_8)) {
            m.store(out, "rampart block policy");
        }
    }
}
