package dev.rampart.engine.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Name tables shared by all rules of one plan: flowbit, flowint, host-bit and IP-pair-bit names to
 * dense slots, handed out in the order rules ask for them. A probe table ({@link #probe()}) is a
 * throw-away one for compiling rules off the calling thread: it only counts what was asked for,
 * so that the rules that used names are compiled again, in rule order, against the real table.
 */
public final class RuleCompileEnv {
    /** Counts name, dataset and geoip requests instead of serving datasets and geoip (see {@link #probe()}). */
    private final boolean probe;
    private int lookups;
    private final Map<String, Integer> flowbits = new LinkedHashMap<>();
    private final Map<String, Integer> flowints = new LinkedHashMap<>();
    /** hostbits and xbits with track ip_src/ip_dst share Suricata's host-bit names. */
    private final Map<String, Integer> hostbits = new LinkedHashMap<>();
    private final Map<String, Integer> ippairbits = new LinkedHashMap<>();
    private final Map<String, dev.rampart.engine.detect.payload.Dataset> datasets = new LinkedHashMap<>();
    /** A served dataset option adds to or removes from its set (packets then change plan state). */
    private boolean datasetWrites;

    private java.nio.file.Path geoipDatabase;
    private dev.rampart.engine.detect.geoip.MmdbReader geoip;
    private String geoipProblem;

    public RuleCompileEnv() {
        this(false);
    }

    private RuleCompileEnv(boolean probe) {
        this.probe = probe;
    }

    /**
     * A table for compiling rules in parallel: slots are local to it, and datasets and the geoip
     * database are neither loaded nor opened (they are null); every request is counted by
     * {@link #lookups()}. A rule whose compile made no request compiles the same against any table.
     */
    static RuleCompileEnv probe() {
        return new RuleCompileEnv(true);
    }

    /** Requests for a name slot, a dataset or the geoip database so far. */
    int lookups() {
        return lookups;
    }

    void setGeoipDatabase(java.nio.file.Path file) {
        geoipDatabase = file;
    }

    private java.util.Set<String> featuresOff = java.util.Set.of();

    void setFeaturesOff(java.util.Set<String> off) {
        featuresOff = off;
    }

    /** Whether the configuration turned feature {@code name} off (a probe answers false and counts the request). */
    public boolean featureOff(String name) {
        lookups++;
        return !probe && featuresOff.contains(name);
    }

    /** The geoip database, opened once for all rules; null when none is configured or it cannot be read. */
    public dev.rampart.engine.detect.geoip.MmdbReader geoip() {
        lookups++;
        if (probe) {
            return null;
        }
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
        lookups++;
        return probe ? "probe" : geoipProblem;
    }

    public int flowbit(String name) {
        lookups++;
        return flowbits.computeIfAbsent(name, k -> flowbits.size());
    }

    public int flowint(String name) {
        lookups++;
        return flowints.computeIfAbsent(name, k -> flowints.size());
    }

    public int hostbit(String name) {
        lookups++;
        return hostbits.computeIfAbsent(name, k -> hostbits.size());
    }

    public int ippairbit(String name) {
        lookups++;
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
        lookups++;
        if (probe || o.state() != null) {
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
        if (!d.type().equals(o.type())) {
            return null;
        }
        datasetWrites |= o.command() == dev.rampart.rules.keyword.payload.DatasetOption.Command.SET
                || o.command() == dev.rampart.rules.keyword.payload.DatasetOption.Command.UNSET;
        return d;
    }

    /** Whether a dataset served here is written by its rule (set or unset). */
    boolean datasetWrites() {
        return datasetWrites;
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
