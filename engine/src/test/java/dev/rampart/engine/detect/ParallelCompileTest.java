package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.detect.mpm.MpmKind;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParser;
import dev.rampart.rules.RuleSet;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiling in parallel slices must give what one sequential pass gives: the same rules kept and
 * skipped (with the same reasons), and every flowbit, flowint, host-bit and IP-pair-bit slot
 * handed out in the same order, so the same names sit in the same slots of every matcher.
 */
class ParallelCompileTest {
    private static final RuleEnvironment ENV = RuleEnvironment.suricataDefaults();

    /**
     * Rules whose names are first used late in the list (so a slice-local table would number them
     * differently), names used by rules that are then skipped (a sequential compile still hands out
     * their slots), and plain rules between them.
     */
    private static List<Rule> rules(int count, long seed) throws Exception {
        RuleParser parser = new RuleParser();
        List<Rule> out = new ArrayList<>();
        for (String text : texts(count, seed)) {
            out.add(parser.parse(text));
        }
        return out;
    }

    private static List<String> texts(int count, long seed) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int sid = i + 1;
            String name = "n" + (count - i) % 37;
            String text = switch (rnd.nextInt(9)) {
                case 0 -> "alert tcp any any -> any 80 (content:\"set" + i + "\"; flowbits:set," + name + "; sid:" + sid + ";)";
                case 1 -> "alert tcp any any -> any any (flow:to_client; content:\"is" + i + "\"; flowbits:isset," + name
                        + "; flowbits:isnotset,o" + rnd.nextInt(50) + "; sid:" + sid + ";)";
                case 2 -> "alert udp any any -> any 53 (content:\"c" + i + "\"; flowint:" + name + ",+,1; sid:" + sid + ";)";
                case 3 -> "alert udp any any -> any any (content:\"h" + i + "\"; hostbits:set," + name + ",src; sid:" + sid + ";)";
                case 4 -> "alert tcp any any -> any any (content:\"x" + i + "\"; xbits:set," + name
                        + ",track ip_pair; sid:" + sid + ";)";
                // names asked for, then the rule is not loaded: a => rule needs app-layer buffers
                case 5 -> "alert tcp any any => any any (flowbits:set,late" + i % 11 + "; sid:" + sid + ";)";
                case 6 -> "alert http any any -> any any (http.uri; content:\"/u" + i + "\"; sid:" + sid + ";)";
                default -> "alert tcp any any -> any [" + (1000 + i % 7) + ",8080] (content:\"p" + i + "\"; sid:" + sid + ";)";
            };
            out.add(text);
        }
        return out;
    }

    @Test
    void parallelSlicesGiveTheSequentialRulesAndSlots() throws Exception {
        List<Rule> rules = rules(900, 7);
        RuleCompileEnv seqNames = new RuleCompileEnv();
        List<Object> seq = DetectionPlan.compileAll(rules, ENV, seqNames, 1);
        RuleCompileEnv parNames = new RuleCompileEnv();
        List<Object> par = DetectionPlan.compileAll(rules, ENV, parNames, 4);

        assertArrayEquals(seqNames.flowbitNames(), parNames.flowbitNames());
        assertArrayEquals(seqNames.flowintNames(), parNames.flowintNames());
        assertArrayEquals(seqNames.hostbitNames(), parNames.hostbitNames());
        assertArrayEquals(seqNames.ippairbitNames(), parNames.ippairbitNames());
        // the set includes names of skipped rules and late first uses, so the order is not trivial
        assertTrue(seqNames.flowbitCount() > 40, "flowbit names: " + seqNames.flowbitCount());
        assertTrue(List.of(seqNames.flowbitNames()).contains("late3"));

        assertEquals(seq.size(), par.size());
        int skipped = 0;
        for (int i = 0; i < seq.size(); i++) {
            Object s = seq.get(i);
            Object p = par.get(i);
            assertEquals(s.getClass(), p.getClass(), "rule " + i);
            if (s instanceof DetectionPlan.Skipped ss) {
                skipped++;
                DetectionPlan.Skipped ps = (DetectionPlan.Skipped) p;
                assertEquals(ss.rule().sid(), ps.rule().sid());
                assertEquals(ss.reason(), ps.reason());
            } else {
                assertEquals(fingerprint(s), fingerprint(p), "rule " + i);
            }
        }
        assertTrue(skipped > 50 && skipped < seq.size() - 500, "skipped " + skipped);
    }

    @Test
    void parallelPlanIsTheSequentialPlan() throws Exception {
        List<Rule> rules = rules(600, 11);
        DetectionPlan seq = DetectionPlan.build(rules, ENV, DetectSettings.DEFAULT, MpmKind.AHO_CORASICK, null, 1);
        DetectionPlan par = DetectionPlan.build(rules, ENV, DetectSettings.DEFAULT, MpmKind.AHO_CORASICK, null, 3);
        assertEquals(seq.describe(), par.describe());
        assertArrayEquals(seq.flowbitNames, par.flowbitNames);
        assertArrayEquals(seq.hostbitNames, par.hostbitNames);
        assertEquals(seq.ruleCount(), par.ruleCount());
        for (int o = 0; o < seq.ruleCount(); o++) {
            assertEquals(seq.rule(o).sid(), par.rule(o).sid(), "order " + o);
            assertEquals(fingerprint(seq.rule(o)), fingerprint(par.rule(o)), "order " + o);
        }
        assertEquals(seq.skipped().size(), par.skipped().size());
    }

    /**
     * Rules compiled as they are parsed (on the parsing tasks, {@link DetectionPlan.Precompiler})
     * make the plan a parse-then-compile load makes: same order, slots, skips and rule contents;
     * the list keeps stand-ins for the rules that used no names; a duplicate sid's older
     * rev is dropped whichever way it was compiled.
     */
    @Test
    void rulesCompiledAsParsedGiveTheSequentialPlan(@TempDir Path dir) throws Exception {
        // enough rules for parallel parsing tasks (RuleFileLoader.RULES_PER_TASK each)
        List<String> texts = new ArrayList<>(texts(5000, 13));
        texts.add("alert tcp any any -> any 80 (msg:\"old\"; content:\"dup\"; sid:4999; rev:1;)");
        texts.add("alert tcp any any -> any 81 (msg:\"new\"; content:\"dup\"; sid:4998; rev:9;)");
        Path file = dir.resolve("t.rules");
        Files.write(file, texts);

        RuleFileLoader.Result plain = new RuleFileLoader(new RuleParser(ENV), false).load(List.of(file));
        DetectionPlan.Precompiler pre = new DetectionPlan.Precompiler(ENV);
        RuleFileLoader.Result fused = new RuleFileLoader(new RuleParser(ENV), false).load(List.of(file), pre);
        List<Rule> plainRules = RuleSet.of(plain.rules()).rules();
        List<Rule> fusedRules = RuleSet.of(fused.rules()).rules();
        assertEquals(plainRules.size(), fusedRules.size());
        int standIns = 0;
        for (int i = 0; i < plainRules.size(); i++) {
            assertEquals(plainRules.get(i).sid(), fusedRules.get(i).sid());
            assertEquals(plainRules.get(i).rev(), fusedRules.get(i).rev());
            if (fusedRules.get(i).isStandIn()) {
                standIns++;
            }
        }
        // plain rules and http rules use no names: most rules; the name users keep their options
        assertTrue(standIns > 1500 && standIns < plainRules.size() - 1500, "stand-ins " + standIns);

        DetectionPlan seq = DetectionPlan.build(plainRules, ENV, DetectSettings.DEFAULT, MpmKind.AHO_CORASICK, null, 1);
        DetectionPlan par = DetectionPlan.build(fusedRules, ENV, DetectSettings.DEFAULT, MpmKind.AHO_CORASICK, null, pre);
        assertEquals(seq.describe(), par.describe());
        assertArrayEquals(seq.flowbitNames, par.flowbitNames);
        assertArrayEquals(seq.flowintNames, par.flowintNames);
        assertArrayEquals(seq.hostbitNames, par.hostbitNames);
        assertArrayEquals(seq.ippairbitNames, par.ippairbitNames);
        assertEquals(seq.ruleCount(), par.ruleCount());
        for (int o = 0; o < seq.ruleCount(); o++) {
            assertEquals(seq.rule(o).sid(), par.rule(o).sid(), "order " + o);
            assertEquals(fingerprint(seq.rule(o)), fingerprint(par.rule(o)), "order " + o);
        }
        assertEquals(seq.skipped().size(), par.skipped().size());
        for (int i = 0; i < seq.skipped().size(); i++) {
            assertEquals(seq.skipped().get(i).reason(), par.skipped().get(i).reason());
        }
        assertTrue(seq.skipped().size() > 100, "skipped " + seq.skipped().size());
    }

    /**
     * The primitive contents (ints, booleans, strings, arrays of them) of a compiled rule and of
     * the engine objects it reaches: slot numbers sit in matcher fields, so two rules with equal
     * fingerprints use the same slots.
     */
    private static String fingerprint(Object o) throws IllegalAccessException {
        StringBuilder sb = new StringBuilder();
        dump(o, sb, new IdentityHashMap<>(), 0);
        return sb.toString();
    }

    private static void dump(Object o, StringBuilder sb, Map<Object, Boolean> seen, int depth)
            throws IllegalAccessException {
        if (o == null) {
            sb.append("null");
            return;
        }
        Class<?> c = o.getClass();
        if (o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Character
                || c.isEnum()) {
            sb.append(o);
            return;
        }
        if (c.isArray()) {
            sb.append('[');
            for (int i = 0, n = Array.getLength(o); i < n; i++) {
                dump(Array.get(o, i), sb, seen, depth);
                sb.append(',');
            }
            sb.append(']');
            return;
        }
        if (seen.put(o, Boolean.TRUE) != null || depth > 6 || !c.getName().startsWith("dev.rampart.engine")) {
            // rule-parser objects are shared input; cycles and deep graphs end here
            sb.append(c.getSimpleName());
            return;
        }
        sb.append(c.getSimpleName()).append('{');
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("order")) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                } catch (RuntimeException e) {
                    continue;
                }
                sb.append(f.getName()).append('=');
                dump(f.get(o), sb, seen, depth + 1);
                sb.append(';');
            }
        }
        sb.append('}');
    }
}
