package dev.rampart.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file big enough to be parsed in slices gives the same rules and errors, in file order, as one parser. */
class RuleFileLoaderParallelTest {

    @Test
    void slicedParsingKeepsFileOrderAndErrors() {
        StringBuilder file = new StringBuilder();
        int n = RuleFileLoader.RULES_PER_TASK * 3 + 17;
        for (int i = 0; i < n; i++) {
            if (i % 997 == 0) {
                file.append("alert tcp any any -> any any (msg:\"bad ").append(i).append("\"; content:\"x\"; sid:")
                        .append(100000 + i).append(";\n"); // no closing parenthesis
            } else if (i % 500 == 0) {
                file.append("# alert tcp any any -> any any (msg:\"off\"; sid:").append(100000 + i).append(";)\n");
            } else {
                file.append("alert tcp $HOME_NET any -> $EXTERNAL_NET [80,8080,").append(1024 + i % 50)
                        .append("] (msg:\"r ").append(i).append("\"; flow:established,to_server; content:\"p")
                        .append(i).append("\"; sid:").append(100000 + i).append(";)\n");
            }
        }
        RuleFileLoader.Result whole = new RuleFileLoader(new RuleParser(), true).loadString("big.rules", file.toString());

        List<Rule> expected = new ArrayList<>();
        List<Integer> errorLines = new ArrayList<>();
        RuleParser one = new RuleParser();
        for (RuleFileLoader.RuleText rt : RuleFileLoader.split("big.rules", file.toString())) {
            try {
                expected.add(one.parse(rt.text(), new SourceRef(rt.file(), rt.line()), rt.enabled()));
            } catch (RuleParseException e) {
                errorLines.add(rt.line());
            }
        }
        assertTrue(errorLines.size() >= 6, "the file has bad rules: " + errorLines);
        assertEquals(expected.size(), whole.rules().size());
        for (int i = 0; i < expected.size(); i++) {
            Rule a = expected.get(i);
            Rule b = whole.rules().get(i);
            assertEquals(a.sid(), b.sid());
            assertEquals(a.enabled(), b.enabled());
            assertEquals(a.source(), b.source());
            assertEquals(a.header().dstPorts(), b.header().dstPorts());
        }
        assertEquals(errorLines, whole.errors().stream().map(RuleError::line).toList());
    }

    /**
     * A hook sees each parsed rule once, on its parsing task, and what it returns takes the rule's
     * place; a stand-in keeps identity and source, and a replaced stand-in still loses to a newer rev.
     */
    @Test
    void hookReplacesEachParsedRuleWithWhatItReturns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        List<String> lines = new ArrayList<>();
        int n = RuleFileLoader.RULES_PER_TASK * 2 + 5;
        for (int i = 0; i < n; i++) {
            lines.add("alert tcp any any -> any " + (1 + i % 100) + " (msg:\"r " + i + "\"; content:\"p" + i + "\"; sid:"
                    + (1000 + i) + "; rev:2;)");
        }
        lines.add("alert udp any any -> any 53 (msg:\"newer\"; sid:1000; rev:3;)");
        java.nio.file.Path file = dir.resolve("h.rules");
        java.nio.file.Files.write(file, lines);
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        RuleFileLoader.ParsedRuleHook hook = () -> rule -> {
            seen.incrementAndGet();
            assertTrue(!rule.isStandIn() && !rule.options().isEmpty());
            return rule.rev() == 2 ? rule.standIn("kept " + rule.sid()) : rule;
        };
        RuleFileLoader.Result r = new RuleFileLoader(new RuleParser(), false).load(List.of(file), hook);
        assertEquals(n + 1, seen.get());
        assertEquals(n + 1, r.rules().size());
        Rule first = r.rules().get(0);
        assertTrue(first.isStandIn());
        assertEquals("kept 1000", first.attachment(), "a stand-in carries what the hook attached");
        assertTrue(first.standIn() == first, "a stand-in is its own stand-in");
        assertEquals(null, first.header());
        assertEquals(List.of(), first.options());
        assertEquals(1000, first.sid());
        assertEquals(2, first.rev());
        assertEquals("r 0", first.msg());
        assertEquals(new SourceRef(file.toString(), 1), first.source());
        assertTrue(first.toCanonicalText().contains("sid 1000 rev 2"), first.toCanonicalText());
        Rule last = r.rules().get(n);
        assertTrue(!last.isStandIn());
        RuleSet set = RuleSet.of(r.rules());
        assertEquals(n, set.rules().size());
        assertEquals(1, set.replaced().size());
        assertTrue(set.rules().contains(last));
    }

    /**
     * Files smaller than a parsing task are parsed together, in slices over all of them (ET Open's
     * ~50 files are mostly such files), and the result keeps file order, file names and line numbers.
     */
    @Test
    void smallFilesAreParsedTogetherInFileOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2);
        int files = 4;
        int perFile = RuleFileLoader.RULES_PER_TASK - 100;
        List<java.nio.file.Path> paths = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            List<String> lines = new ArrayList<>();
            lines.add("# file " + f);
            for (int i = 0; i < perFile; i++) {
                lines.add("alert tcp any any -> any any (msg:\"f" + f + " r" + i + "\"; content:\"x" + i + "\"; sid:"
                        + (f * 100000 + i + 1) + ";)");
            }
            java.nio.file.Path p = dir.resolve("f" + f + ".rules");
            java.nio.file.Files.write(p, lines);
            paths.add(p);
        }
        java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
        RuleFileLoader.ParsedRuleHook hook = () -> {
            tasks.incrementAndGet();
            return rule -> rule;
        };
        RuleFileLoader.Result r = new RuleFileLoader(new RuleParser(), false).load(paths, hook);
        assertEquals(files * perFile, r.rules().size());
        // one list over the files (no file alone has enough rules for two tasks)
        assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), files * perFile / RuleFileLoader.RULES_PER_TASK),
                tasks.get());
        for (int f = 0; f < files; f++) {
            for (int i = 0; i < perFile; i++) {
                Rule rule = r.rules().get(f * perFile + i);
                assertEquals(f * 100000 + i + 1, rule.sid());
                assertEquals(new SourceRef(paths.get(f).toString(), i + 2), rule.source());
            }
        }
    }
}
