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

    /**
     * The shared set a dataset keyword names (made on first use); null when the option cannot be
     * served: a set file to load (not read yet) or a type differing from the set's first use.
     */
    public dev.rampart.engine.detect.payload.Dataset dataset(dev.rampart.rules.keyword.payload.DatasetOption o) {
        if (o.load() != null || o.state() != null) {
            return null;
        }
        dev.rampart.engine.detect.payload.Dataset d = datasets.computeIfAbsent(o.name(),
                k -> new dev.rampart.engine.detect.payload.Dataset(k, o.type(),
                        dev.rampart.engine.detect.payload.Dataset.DEFAULT_MAX_ENTRIES));
        return d.type().equals(o.type()) ? d : null;
    }

    public int flowbitCount() {
        return flowbits.size();
    }

    public int flowintCount() {
        return flowints.size();
    }
}
