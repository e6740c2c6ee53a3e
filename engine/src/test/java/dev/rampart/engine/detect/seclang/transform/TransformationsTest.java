package dev.rampart.engine.detect.seclang.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TransformationsTest {

    /** Every ModSecurity 2.9.7 transformation name, with an input it leaves unchanged. */
    static final Map<String, String> UNCHANGED = Map.ofEntries(
            Map.entry("base64Decode", ""), Map.entry("base64DecodeExt", ""), Map.entry("base64Encode", ""),
            Map.entry("cmdLine", "ls -la"), Map.entry("compressWhitespace", "a b"), Map.entry("cssDecode", "a:b"),
            Map.entry("escapeSeqDecode", "ab"), Map.entry("hexDecode", ""), Map.entry("hexEncode", ""),
            Map.entry("htmlEntityDecode", "a&b"), Map.entry("jsDecode", "ab"), Map.entry("length", "1"),
            Map.entry("lowercase", "abc\u00c9"), Map.entry("md5", ""), Map.entry("normalisePath", "/a/b"),
            Map.entry("normalizePath", "/a/b"), Map.entry("normalisePathWin", "/a/b"),
            Map.entry("normalizePathWin", "/a/b"), Map.entry("parityEven7bit", "A"),
            Map.entry("parityOdd7bit", "C"), Map.entry("parityZero7bit", "abc"),
            Map.entry("removeComments", "ab"), Map.entry("removeCommentsChar", "ab"),
            Map.entry("removeNulls", "ab"), Map.entry("removeWhitespace", "ab"),
            Map.entry("replaceComments", "a*/b"), Map.entry("replaceNulls", "ab"), Map.entry("sha1", ""),
            Map.entry("sqlHexDecode", "0x"), Map.entry("trim", "a b"), Map.entry("trimLeft", "a "),
            Map.entry("trimRight", " a"), Map.entry("uppercase", "AB\u00e9"), Map.entry("urlDecode", "%zz"),
            Map.entry("urlDecodeUni", "%u12"), Map.entry("urlEncode", "aB9*"),
            Map.entry("utf8toUnicode", "abc\u0080"));

    @Test
    void namesResolveCaseInsensitively() {
        for (String name : UNCHANGED.keySet()) {
            assertNotNull(Transformations.byName(name), name);
            assertSame(Transformations.byName(name), Transformations.byName(name.toUpperCase()), name);
        }
        assertSame(Transformations.byName("urlDecodeUni"), Transformations.byName("URLDECODEUNI"));
        assertEquals("abc", Transformations.byName("LowerCase").apply("ABC"));
    }

    @Test
    void noneAndUnknownNamesGiveNull() {
        assertNull(Transformations.byName("none"));
        assertNull(Transformations.byName("NONE"));
        assertNull(Transformations.byName("alert"));
        assertNull(Transformations.byName(""));
        assertNull(Transformations.byName(null));
    }

    @Test
    void unchangedValueIsTheSameInstance() {
        UNCHANGED.forEach((name, in) -> {
            if (name.equals("md5") || name.equals("sha1")) {
                return; // a digest never equals its input
            }
            // a fresh instance, so a constant returned by chance cannot pass
            String value = new String(in.toCharArray());
            assertSame(value, Transformations.byName(name).apply(value), name);
        });
    }

    @Test
    void everyTransformationNameUsedByCrsResolves() throws IOException {
        Path rules = Path.of(System.getProperty("rampart.shared", "../../shared")).resolve("rulesets/crs/rules");
        Assumptions.assumeTrue(Files.isDirectory(rules), "CRS rules not available");
        Pattern tfn = Pattern.compile("[\",]t:([A-Za-z0-9]+)");
        TreeSet<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(rules)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".conf")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                    if (line.stripLeading().startsWith("#")) {
                        continue;
                    }
                    Matcher m = tfn.matcher(line);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(used.size() > 10, "CRS transformation names found: " + used);
        for (String name : used) {
            if (!name.equalsIgnoreCase("none")) {
                assertNotNull(Transformations.byName(name), "t:" + name + " used by CRS");
            }
        }
    }

    @Test
    void megabyteAdversarialInputsStayLinear() {
        int mb = 1 << 20;
        List<String> inputs = List.of(
                "&#".repeat(mb / 2), "&#x1".repeat(mb / 4), "&".repeat(mb), "&a".repeat(mb / 2),
                "\\".repeat(mb), "\\u".repeat(mb / 2), "\\1".repeat(mb / 2), "%u".repeat(mb / 2),
                "%".repeat(mb), "/..".repeat(mb / 3), "a/../".repeat(mb / 5), "/./".repeat(mb / 3),
                "/*".repeat(mb / 2), "<!--".repeat(mb / 4), "0x".repeat(mb / 2), "0x41".repeat(mb / 4),
                "\u00f0\u009f\u0098".repeat(mb / 3), "=".repeat(mb), "A=".repeat(mb / 2), "9".repeat(mb));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String in : inputs) {
                for (String name : UNCHANGED.keySet()) {
                    String out = Transformations.byName(name).apply(in);
                    assertTrue(out.length() <= 7 * in.length() + 40, name);
                }
            }
        });
    }
}
