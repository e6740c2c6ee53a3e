package dev.rampart.cli.demo;

import dev.rampart.cli.rules.RuleCheck;
import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rule counts by action, protocol and inspection buffer, for the demo's overview. */
public final class RuleSummary {
    private final Map<String, Integer> actions = new HashMap<>();
    private final Map<String, Integer> protocols = new HashMap<>();
    private final Map<String, Integer> buffers = new HashMap<>();

    private RuleSummary() {
    }

    public static RuleSummary of(RuleCheck.Result r) {
        RuleSummary s = new RuleSummary();
        for (Rule rule : r.loaded()) {
            s.actions.merge(rule.header().action().text(), 1, Integer::sum);
            s.protocols.merge(rule.header().protocol(), 1, Integer::sum);
            for (String b : buffersOf(rule)) {
                s.buffers.merge(b, 1, Integer::sum);
            }
        }
        return s;
    }

    /** Buffers a rule inspects; the packet/stream payload is called {@code payload}. */
    static Set<String> buffersOf(Rule rule) {
        Set<String> out = new LinkedHashSet<>();
        for (RuleOption o : rule.options()) {
            if (o instanceof PayloadOption p) {
                out.add(p.buffer().name().equals(Buffer.PAYLOAD_NAME) ? "payload" : p.buffer().name());
            }
        }
        return out;
    }

    /** Rules per action, most first. */
    public Map<String, Integer> actions() {
        return sorted(actions);
    }

    public Map<String, Integer> protocols() {
        return sorted(protocols);
    }

    /** Rules per inspection buffer (a rule using two buffers counts for both). */
    public Map<String, Integer> buffers() {
        return sorted(buffers);
    }

    static Map<String, Integer> sorted(Map<String, Integer> m) {
        List<Map.Entry<String, Integer>> e = new ArrayList<>(m.entrySet());
        e.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> out = new LinkedHashMap<>();
        e.forEach(x -> out.put(x.getKey(), x.getValue()));
        return out;
    }

    /** {@code a 3, b 1} */
    static String inline(Map<String, Integer> m) {
        if (m.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }
}
