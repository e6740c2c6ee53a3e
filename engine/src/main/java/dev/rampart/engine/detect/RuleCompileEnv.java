package dev.rampart.engine.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/** Name tables shared by all rules of one plan: flowbit, flowint, host-bit and IP-pair-bit names to dense slots. */
public final class RuleCompileEnv {
    private final Map<String, Integer> flowbits = new LinkedHashMap<>();
    private final Map<String, Integer> flowints = new LinkedHashMap<>();
    /** hostbits and xbits with track ip_src/ip_dst share Suricata's host-bit names. */
    private final Map<String, Integer> hostbits = new LinkedHashMap<>();
    private final Map<String, Integer> ippairbits = new LinkedHashMap<>();
    private final Map<String, dev.rampart.engine.detect.payload.Dataset> datasets = new LinkedHashMap<>();

    private java.nio.file.Path geoipDatabase;
    private dev.rampart.engine.detect.geoip.MmdbReader geoip;
    private String geoipProblem;

    void setGeoipDatabase(java.nio.file.Path file) {
        geoipDatabase = file;
    }

    /** The geoip database, opened once for all rules; null when none is configured or it cannot be read. */
    public dev.rampart.engine.detect.geoip.MmdbReader geoip() {
        if (geoip == null && geoipProblem == null) {
            if (geoipDatabase == null) {
                geoipProblem = "no geoip-database configured";
            } else {
                try {
                    geoip = dev.rampart.engine.detect.geoip.MmdbReader.open(geoipDatabase);
                } catch (java.io.IOException | RuntimeException e) {
                    geoipProblem = "geoip-database " + geoipDatabase + ": " + e.getMessage();
                }
            }
        }
        return geoip;
    }

    /** Why {@link #geoip()} is null. */
    public String geoipProblem() {
        return geoipProblem;
    }

    public int flowbit(String name) {
        return flowbits.computeIfAbsent(name, k -> flowbits.size());
    }

    public int flowint(String name) {
        return flowints.computeIfAbsent(name, k -> flowints.size());
    }

    public int hostbit(String name) {
        return hostbits.computeIfAbsent(name, k -> hostbits.size());
    }

    public int ippairbit(String name) {
        return ippairbits.computeIfAbsent(name, k -> ippairbits.size());
    }

    public int hostbitCount() {
        return hostbits.size();
    }

    public int ippairbitCount() {
        return ippairbits.size();
    }

    /** A dataset option without a rule file to resolve {@code load} against (tests). */
    public dev.rampart.engine.detect.payload.Dataset dataset(dev.rampart.rules.keyword.payload.DatasetOption o) {
        return dataset(o, dev.rampart.rules.SourceRef.NONE);
    }

    /**
     * The shared set a dataset keyword names (made on first use, filled from its {@code load}
     * file, which a relative path names next to the rule file as in Suricata); null when the
     * option cannot be served: a {@code state} file (saving is not done), a load file that
     * cannot be read, or a type differing from the set's first use.
     */
    public dev.rampart.engine.detect.payload.Dataset dataset(dev.rampart.rules.keyword.payload.DatasetOption o,
            dev.rampart.rules.SourceRef source) {
        if (o.state() != null) {
            return null;
        }
        dev.rampart.engine.detect.payload.Dataset d = datasets.get(o.name());
        if (d == null) {
            d = new dev.rampart.engine.detect.payload.Dataset(o.name(), o.type(),
                    dev.rampart.engine.detect.payload.Dataset.DEFAULT_MAX_ENTRIES);
            if (o.load() != null && !load(d, o.load(), source)) {
                return null;
            }
            datasets.put(o.name(), d);
        }
        return d.type().equals(o.type()) ? d : null;
    }

    private static boolean load(dev.rampart.engine.detect.payload.Dataset d, String file,
            dev.rampart.rules.SourceRef source) {
        java.nio.file.Path p = java.nio.file.Path.of(file);
        if (!p.isAbsolute() && source != null && !source.file().startsWith("<")) {
            java.nio.file.Path dir = java.nio.file.Path.of(source.file()).toAbsolutePath().getParent();
            if (dir != null) {
                p = dir.resolve(file);
            }
        }
        try {
            return dev.rampart.engine.detect.payload.DatasetFile.load(d, java.nio.file.Files.readAllLines(p,
                    java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    public int flowbitCount() {
        return flowbits.size();
    }

    public int flowintCount() {
        return flowints.size();
    }

    /** Flowbit names by slot (a reload maps a flow's bits to the next plan's slots by name). */
    String[] flowbitNames() {
        return flowbits.keySet().toArray(new String[0]);
    }

    String[] flowintNames() {
        return flowints.keySet().toArray(new String[0]);
    }

    String[] hostbitNames() {
        return hostbits.keySet().toArray(new String[0]);
    }

    String[] ippairbitNames() {
        return ippairbits.keySet().toArray(new String[0]);
    }
}
