package dev.rampart.engine.detect.seclang.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every operator and argument of the CRS rule files compiles, except @detectSQLi (no libinjection SQLi yet). The
 * rules are read with a rough pattern of our own (continuation lines joined, the quoted operator
 * after the targets), not the SecLang parser.
 */
class CrsOperatorsCompileTest {
    /** SecRule TARGETS "OPERATOR": the start of the operator string. */
    private static final Pattern RULE = Pattern.compile("^\\s*SecRule\\s+\\S+\\s+\"");

    /** The quoted text from {@code from} up to the unescaped closing quote, \\" unescaped. */
    private static String quoted(String line, int from) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                out.append('"');
                i++;
            } else if (c == '"') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Test
    void everyCrsOperatorCompiles() throws Exception {
        Path rules = Path.of(System.getProperty("rampart.shared", "../../shared")).resolve("rulesets/crs/rules");
        Assumptions.assumeTrue(Files.isDirectory(rules), "CRS not available under " + rules);
        List<String> failures = new ArrayList<>();
        int compiled = 0;
        int skipped = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(rules)) {
            files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\\\n", " ");
            for (String line : text.split("\n")) {
                Matcher m = RULE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                String op = quoted(line, m.end());
                if (op.startsWith("!")) {
                    op = op.substring(1);
                }
                String name = "rx";
                String arg = op;
                if (op.startsWith("@")) {
                    int sp = op.indexOf(' ');
                    name = sp < 0 ? op.substring(1) : op.substring(1, sp);
                    arg = sp < 0 ? "" : op.substring(sp + 1);
                }
                if (name.equalsIgnoreCase("detectSQLi")) {
                    skipped++;
                    continue;
                }
                try {
                    Operators.compile(name, arg, rules);
                    compiled++;
                } catch (OperatorException e) {
                    failures.add(file.getFileName() + ": @" + name + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(2, skipped);
        assertTrue(compiled > 600, "compiled " + compiled);
        // the data files load with their phrases
        Operator lfi = Operators.compile("pmFromFile", "lfi-os-files.data", rules);
        TestContext ctx = new TestContext(true);
        assertTrue(lfi.matches("/../../ETC/PASSWD", ctx));
        assertTrue(ctx.captures.get(0).equalsIgnoreCase("etc/passwd"), ctx.captures.toString());
        assertTrue(!lfi.matches("/index.html", ctx));
    }
}
