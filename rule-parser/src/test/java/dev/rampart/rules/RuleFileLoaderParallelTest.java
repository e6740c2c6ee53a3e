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
}
