package dev.rampart.engine.detect;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.detect.seclang.SecLangRules;
import dev.rampart.engine.detect.seclang.SecLangTx;
import dev.rampart.engine.detect.seclang.SecRuleProgram;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Per-rule and per-prefilter cost counters of one worker, as Suricata's rule profiling
 * ({@code profiling.rules}) keeps them: for each rule, checks (how often its verification ran
 * after the prefilter), matches, and ticks (total, max, and the part spent on matching checks,
 * which gives Suricata's avg-match / avg-nomatch split); for each prefilter (a packet group's
 * payload or raw-stream scan, a transaction buffer's scan), scans, bytes, candidates and ticks.
 *
 * <p>Ticks are {@link System#nanoTime()} nanoseconds: the JVM offers no cycle counter, and on
 * Linux nanoTime reads the TSC through the vDSO (tens of nanoseconds, which is also about the
 * resolution of the cheapest rule checks — their averages are upper bounds). Like Suricata's
 * rdtsc ticks they are elapsed time, not CPU time: on an overloaded machine a check that was
 * preempted counts the wait too, so compare shares and orderings rather than absolute sums.
 *
 * <p>Flat arrays indexed by rule order and prefilter slot: recording allocates nothing. One per
 * {@link DetectStage} (not thread-safe); {@link #merge} sums the workers' at the end and
 * {@link #writeJson} writes the report, rules sorted by total ticks.
 */
public final class RuleProfiler implements SecLangTx.Profile {
    private final DetectionPlan plan;
    /** The plan's SecLang rules (OWASP CRS), or null; their counters are indexed by chain starter number. */
    private final SecLangRules secRules;
    /** SecLang rules' counters, by chain starter number. */
    final Counters secLang;
    /** Suricata rules' counters, by plan order. */
    final Counters rules;

    /** Per-rule counters by rule number: checks, matches, ticks (total, max, of the matching checks). */
    static final class Counters {
        final long[] checks;
        final long[] matches;
        final long[] ticks;
        final long[] ticksMax;
        /** Ticks of the checks that matched (Suricata's avg-match numerator). */
        final long[] ticksMatch;

        Counters(int n) {
            checks = new long[n];
            matches = new long[n];
            ticks = new long[n];
            ticksMax = new long[n];
            ticksMatch = new long[n];
        }

        int size() {
            return checks.length;
        }

        void count(int i, boolean matched, long elapsed) {
            checks[i]++;
            ticks[i] += elapsed;
            if (elapsed > ticksMax[i]) {
                ticksMax[i] = elapsed;
            }
            if (matched) {
                matches[i]++;
                ticksMatch[i] += elapsed;
            }
        }

        /** Another worker's counters added (max of maxima). */
        void add(Counters o) {
            for (int i = 0; i < checks.length; i++) {
                checks[i] += o.checks[i];
                matches[i] += o.matches[i];
                ticks[i] += o.ticks[i];
                ticksMatch[i] += o.ticksMatch[i];
                ticksMax[i] = Math.max(ticksMax[i], o.ticksMax[i]);
            }
        }

        long totalTicks() {
            long t = 0;
            for (long x : ticks) {
                t += x;
            }
            return t;
        }

        /** Suricata's rule_perf fields of rule {@code i}, from the opening brace to its msg. */
        void appendRow(StringBuilder sb, int i, long sid, long gid, long rev, long total, String msg) {
            long c = checks[i];
            long m = matches[i];
            long t = ticks[i];
            sb.append("{\"signature_id\":").append(sid).append(",\"gid\":").append(gid)
                    .append(",\"rev\":").append(rev).append(",\"checks\":").append(c)
                    .append(",\"matches\":").append(m).append(",\"ticks_total\":").append(t)
                    .append(",\"ticks_max\":").append(ticksMax[i])
                    .append(",\"ticks_avg\":").append(c == 0 ? 0 : t / c)
                    .append(",\"ticks_avg_match\":").append(m == 0 ? 0 : ticksMatch[i] / m)
                    .append(",\"ticks_avg_nomatch\":").append(c == m ? 0 : (t - ticksMatch[i]) / (c - m))
                    .append(",\"percent\":");
            appendPercent(sb, t, total);
            sb.append(",\"msg\":");
            appendString(sb, msg);
        }
    }

    /** Prefilter slots: packet group g has 2g (packet payload) and 2g+1 (raw stream); then transaction buffers. */
    private final String[] slotGroup;
    private final String[] slotBuffer;
    /** First slot of transaction group [proto][direction] (its buffer b is at base + b), or -1. */
    private final int[][] txSlotBase;
    final long[] scans;
    final long[] scanBytes;
    final long[] scanCandidates;
    final long[] scanTicks;

    public RuleProfiler(DetectionPlan plan) {
        this.plan = plan;
        int n = plan.ruleCount();
        rules = new Counters(n);
        secRules = plan.secLang() == null ? null : plan.secLang().rules();
        int sn = secRules == null ? 0 : secRules.ruleCount();
        secLang = new Counters(sn);
        int slots = plan.allGroups.length * 2;
        txSlotBase = new int[plan.txGroups.length][2];
        for (int p = 0; p < plan.txGroups.length; p++) {
            for (int d = 0; d < 2; d++) {
                TxGroup g = plan.txGroups[p][d];
                txSlotBase[p][d] = g == null ? -1 : slots;
                slots += g == null ? 0 : g.prefilters.length;
            }
        }
        slotGroup = new String[slots];
        slotBuffer = new String[slots];
        for (RuleGroup g : plan.allGroups) {
            slotGroup[2 * g.index] = g.name;
            slotBuffer[2 * g.index] = "packet";
            slotGroup[2 * g.index + 1] = g.name;
            slotBuffer[2 * g.index + 1] = "stream";
        }
        AppProto[] protos = AppProto.values();
        for (int p = 0; p < plan.txGroups.length; p++) {
            for (int d = 0; d < 2; d++) {
                TxGroup g = plan.txGroups[p][d];
                for (int b = 0; g != null && b < g.prefilters.length; b++) {
                    // the prefilter is named group/buffer spec (with its transforms)
                    String prefix = protos[p].suricataName() + (d == 0 ? "/ts" : "/tc");
                    String name = g.prefilters[b].name;
                    slotGroup[txSlotBase[p][d] + b] = prefix;
                    slotBuffer[txSlotBase[p][d] + b] = name.startsWith(prefix + "/")
                            ? name.substring(prefix.length() + 1) : g.buffers[b].name();
                }
            }
        }
        scans = new long[slots];
        scanBytes = new long[slots];
        scanCandidates = new long[slots];
        scanTicks = new long[slots];
    }

    /** One verification of the rule at {@code order}: whether it matched, and its ticks. */
    void rule(int order, boolean matched, long elapsed) {
        rules.count(order, matched, elapsed);
    }

    /** One evaluation of a SecLang rule (its whole chain, prefilter scans and transformations included). */
    @Override
    public void secLangRule(SecRuleProgram starter, boolean matched, long elapsed) {
        int i = starter.starterIndex();
        if (i < 0 || i >= secLang.size() || secRules.starter(i) != starter) {
            return; // not a rule of this plan's set (cannot happen: a profiled stage does not reload)
        }
        secLang.count(i, matched, elapsed);
    }

    /** One prefilter scan of {@code bytes} bytes that added {@code candidates} rules. */
    void prefilter(int slot, int bytes, int candidates, long elapsed) {
        scans[slot]++;
        scanBytes[slot] += bytes;
        scanCandidates[slot] += candidates;
        scanTicks[slot] += elapsed;
    }

    static int packetSlot(RuleGroup g, boolean stream) {
        return 2 * g.index + (stream ? 1 : 0);
    }

    int txSlot(int proto, int direction, int buffer) {
        return txSlotBase[proto][direction] + buffer;
    }

    /** The workers' profiles summed (max of maxima); all must come from the same plan. */
    public static RuleProfiler merge(List<RuleProfiler> workers) {
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("no profiles to merge");
        }
        RuleProfiler m = new RuleProfiler(workers.get(0).plan);
        for (RuleProfiler w : workers) {
            if (w.plan != m.plan) {
                throw new IllegalArgumentException("profiles of different detection plans");
            }
            m.rules.add(w.rules);
            m.secLang.add(w.secLang);
            for (int s = 0; s < m.scans.length; s++) {
                m.scans[s] += w.scans[s];
                m.scanBytes[s] += w.scanBytes[s];
                m.scanCandidates[s] += w.scanCandidates[s];
                m.scanTicks[s] += w.scanTicks[s];
            }
        }
        return m;
    }

    /** {@code counts} of rule 1:{@code sid}, 0 when the plan does not have it. */
    private long ofRule(long[] counts, long sid) {
        int o = plan.orderOf(1, sid);
        return o < 0 ? 0 : counts[o];
    }

    /** Checks of rule 1:{@code sid} (0 when not loaded). */
    public long checks(long sid) {
        return ofRule(rules.checks, sid);
    }

    public long matches(long sid) {
        return ofRule(rules.matches, sid);
    }

    public long ticks(long sid) {
        return ofRule(rules.ticks, sid);
    }

    public long ticksMax(long sid) {
        return ofRule(rules.ticksMax, sid);
    }

    /** Evaluations of SecLang rule {@code id} (0 when the plan has no such SecLang rule). */
    public long secLangChecks(long id) {
        int i = secLangIndex(id);
        return i < 0 ? 0 : secLang.checks[i];
    }

    public long secLangMatches(long id) {
        int i = secLangIndex(id);
        return i < 0 ? 0 : secLang.matches[i];
    }

    public long secLangTicks(long id) {
        int i = secLangIndex(id);
        return i < 0 ? 0 : secLang.ticks[i];
    }

    private int secLangIndex(long id) {
        for (int i = 0; i < secLang.size(); i++) {
            if (secRules.starter(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** Ticks of all rule checks: the Suricata rules' and the SecLang rules'. */
    public long totalRuleTicks() {
        return rules.totalTicks() + secLang.totalTicks();
    }

    public long totalPrefilterTicks() {
        long t = 0;
        for (long x : scanTicks) {
            t += x;
        }
        return t;
    }

    /**
     * Scans, bytes, candidates and ticks summed over the prefilters of {@code buffer} ("packet",
     * "stream" or a transaction buffer) in groups named {@code group}, or in every group when null.
     */
    public long[] prefilterTotals(String group, String buffer) {
        long[] r = new long[4];
        for (int s = 0; s < scans.length; s++) {
            if ((group == null || slotGroup[s].equals(group)) && slotBuffer[s].equals(buffer)) {
                r[0] += scans[s];
                r[1] += scanBytes[s];
                r[2] += scanCandidates[s];
                r[3] += scanTicks[s];
            }
        }
        return r;
    }

    /**
     * The report as one JSON object: Suricata's rule_perf fields per rule ({@code signature_id},
     * {@code gid}, {@code rev}, {@code checks}, {@code matches}, {@code ticks_total},
     * {@code ticks_max}, {@code ticks_avg}, {@code ticks_avg_match}, {@code ticks_avg_nomatch},
     * {@code percent}) plus {@code msg} and {@code flowbits} (when it has any), every loaded rule, sorted by total ticks (then checks, then
     * plan order); the SecLang rules among them (gid 1, the rule id as signature_id) with
     * {@code "seclang":true}, {@code logs}, {@code phase} and {@code source} (file:line), their ticks
     * the whole chain's evaluation (its prefilter scans and transformations included); then the
     * prefilters sorted by ticks. Ticks are nanoseconds.
     */
    public void writeJson(Writer out, int workers) throws IOException {
        long total = totalRuleTicks();
        int n = rules.size();
        // rows 0..n-1 are the Suricata rules in plan order, n.. the SecLang rules by starter number
        Integer[] order = new Integer[n + secLang.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> i < n ? rules.ticks[i] : secLang.ticks[i - n]).reversed()
                .thenComparing(Comparator.<Integer>comparingLong(i -> i < n ? rules.checks[i] : secLang.checks[i - n]).reversed())
                .thenComparingInt(i -> i));
        StringBuilder sb = new StringBuilder(256);
        out.write("{\"timestamp\":\"");
        out.write(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
        out.write("\",\"sort\":\"ticks\",\"tick_unit\":\"ns\",\"workers\":" + workers);
        out.write(",\"rules_total_ticks\":" + total + ",\"prefilter_total_ticks\":" + totalPrefilterTicks());
        out.write(",\"rules\":[");
        for (int k = 0; k < order.length; k++) {
            int row = order[k];
            sb.setLength(0);
            sb.append(k == 0 ? "\n" : ",\n");
            if (row < n) {
                CompiledRule r = plan.rules[row];
                rules.appendRow(sb, row, r.sid(), r.gid(), r.rev(), total, r.msg());
                appendFlowbits(sb, r);
            } else {
                int i = row - n;
                SecRuleProgram r = secRules.starter(i);
                secLang.appendRow(sb, i, r.id(), 1, 0, total, r.msg());
                // a SecLang rule: where it was written, and whether it logs (one that does not sets variables or skips for others)
                sb.append(",\"seclang\":true,\"logs\":").append(r.logs()).append(",\"phase\":").append(r.phase())
                        .append(",\"source\":");
                appendString(sb, r.source());
            }
            sb.append('}');
            out.append(sb);
        }
        out.write("],\n\"prefilters\":[");
        Integer[] slots = new Integer[scans.length];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = i;
        }
        Arrays.sort(slots, Comparator.<Integer>comparingLong(i -> scanTicks[i]).reversed().thenComparingInt(i -> i));
        boolean first = true;
        for (int s : slots) {
            if (scans[s] == 0) {
                continue; // groups of the plan that saw no traffic
            }
            sb.setLength(0);
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("{\"group\":");
            appendString(sb, slotGroup[s]);
            sb.append(",\"buffer\":");
            appendString(sb, slotBuffer[s]);
            sb.append(",\"scans\":").append(scans[s]).append(",\"bytes\":").append(scanBytes[s])
                    .append(",\"candidates\":").append(scanCandidates[s]).append(",\"ticks_total\":")
                    .append(scanTicks[s]).append(",\"ticks_avg\":").append(scanTicks[s] / scans[s]).append('}');
            out.append(sb);
        }
        out.write("]}\n");
    }

    /** {@code part / total} in percent with 4 decimals, without a Formatter per rule (tens of thousands of rules). */
    static void appendPercent(StringBuilder sb, long part, long total) {
        if (total <= 0) {
            sb.append('0');
            return;
        }
        long p = Math.round(part * 1_000_000.0 / total); // percent * 10^4
        sb.append(p / 10_000).append('.');
        long frac = p % 10_000;
        for (long d = 1000; d > 1 && frac < d; d /= 10) {
            sb.append('0');
        }
        sb.append(frac);
    }

    /**
     * The rule's flowbits options as written ({@code "set,name"}, {@code "isset,a|b"}), when it has
     * any: a budget must not disable a setter that a kept rule checks (rule management would
     * enable it again for the flowbit).
     */
    private static void appendFlowbits(StringBuilder sb, CompiledRule r) {
        String[] values = r.flowbitsTexts;
        if (values == null) {
            return;
        }
        for (int k = 0; k < values.length; k++) {
            sb.append(k == 0 ? ",\"flowbits\":[" : ",");
            appendString(sb, values[k]);
        }
        sb.append(']');
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '"' || ch == '\\') {
                    sb.append('\\').append(ch);
                } else if (ch < 0x20) {
                    sb.append(String.format("\\u%04x", (int) ch));
                } else {
                    sb.append(ch);
                }
            }
        }
        sb.append('"');
    }
}
