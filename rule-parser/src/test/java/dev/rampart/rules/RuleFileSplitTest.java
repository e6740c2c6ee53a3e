package dev.rampart.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link RuleFileLoader#split}: line numbers, continuations, CRLF, comments and blanks. */
class RuleFileSplitTest {

    @Test
    void continuationsCommentsAndLineNumbers() {
        String text = "alert tcp any any -> any any (sid:1;)\r\n"
                + "\n"
                + "  alert udp any any -> any any (content:\"a\"; \\\n"
                + "   sid:2;)  \n"
                + "# a comment\n"
                + "# alert ip any any -> any any (sid:3;)\n"
                + "alert tcp any any -> any any (content:\"\\\\\\\\\"; sid:4;)\n"
                + "alert tcp any any -> any any (sid:5;) \\";
        List<RuleFileLoader.RuleText> out = RuleFileLoader.split("f", text);
        assertEquals(List.of(
                new RuleFileLoader.RuleText("f", 1, "alert tcp any any -> any any (sid:1;)", true),
                new RuleFileLoader.RuleText("f", 3, "alert udp any any -> any any (content:\"a\";    sid:2;)", true),
                new RuleFileLoader.RuleText("f", 6, "alert ip any any -> any any (sid:3;)", false),
                new RuleFileLoader.RuleText("f", 7, "alert tcp any any -> any any (content:\"\\\\\\\\\"; sid:4;)", true),
                new RuleFileLoader.RuleText("f", 8, "alert tcp any any -> any any (sid:5;)", true)), out);
    }

    /** The line-by-line reading the loader had before (split on \n, a builder per line), as the reference. */
    private static List<RuleFileLoader.RuleText> reference(String label, String text) {
        List<RuleFileLoader.RuleText> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (pending != null) {
                pending.append(line);
            } else {
                pending = new StringBuilder(line);
                pendingLine = i + 1;
            }
            if (line.endsWith("\\") && !line.endsWith("\\\\")) {
                pending.setLength(pending.length() - 1);
                continue;
            }
            String joined = pending.toString().trim();
            pending = null;
            if (joined.isEmpty()) {
                continue;
            }
            if (joined.charAt(0) == '#') {
                int k = 0;
                while (k < joined.length() && (joined.charAt(k) == '#' || joined.charAt(k) == ' ' || joined.charAt(k) == '\t')) {
                    k++;
                }
                String inner = joined.substring(k);
                if (RuleFileLoader.looksLikeRule(inner)) {
                    out.add(new RuleFileLoader.RuleText(label, pendingLine, inner, false));
                }
                continue;
            }
            out.add(new RuleFileLoader.RuleText(label, pendingLine, joined, true));
        }
        if (pending != null && !pending.toString().isBlank()) {
            out.add(new RuleFileLoader.RuleText(label, pendingLine, pending.toString().trim(), true));
        }
        return out;
    }

    /** Up to {@code maxLines - 1} lines of 0-3 random pieces (LF or CRLF), maybe an unterminated last line. */
    private static String randomText(Random rnd, String[] pieces, int maxLines) {
        StringBuilder sb = new StringBuilder();
        int lines = rnd.nextInt(maxLines);
        for (int l = 0; l < lines; l++) {
            for (int k = rnd.nextInt(4); k > 0; k--) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
            sb.append(rnd.nextInt(4) == 0 ? "\r\n" : "\n");
        }
        if (rnd.nextBoolean()) {
            sb.append(pieces[rnd.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    @Test
    void sameTextsAsLineByLineReading() {
        String[] pieces = {"alert tcp any any -> any any (sid:1;)", "# alert udp any any -> any any (sid:2;)", "#x",
            "", " ", "\t", "\r", "\\", "\\\\", "content:\"a\";", "(", ")", " pass ip any any -> any any (sid:3;)",
            // not ASCII: UTF-8 bytes above 0x7f, a letter and a Unicode space right after an action word
            "msg:\"caf\u00e9 \u4e2d\";", "# alert\u2003ip any any -> any any (sid:4;)", "#alert\u00e9 ip any any -> any any (sid:5;)",
            "\u00e9"};
        Random rnd = new Random(42);
        for (int round = 0; round < 2000; round++) {
            String text = randomText(rnd, pieces, 8);
            assertEquals(reference("f", text), RuleFileLoader.split("f", text), () -> "text: " + text);
        }
    }

    /**
     * A text cut into pieces scanned apart (large files, in parallel) gives the same texts and line
     * numbers as one scan: cuts fall only after lines that no backslash continues.
     */
    @Test
    void piecesGiveTheSameTextsAsOneScan() {
        String[] pieces = {"alert tcp any any -> any any (sid:1;)", "# alert udp any any -> any any (sid:2;)", "#x",
            "", " ", "\r", "\\", "\\\\", "content:\"\u00e9\";", " pass ip any any -> any any (sid:3;)"};
        Random rnd = new Random(7);
        for (int round = 0; round < 1000; round++) {
            String text = randomText(rnd, pieces, 40);
            List<RuleFileLoader.RuleText> expected = reference("f", text);
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int n = 1; n <= 5; n++) {
                int cut = n;
                assertEquals(expected, RuleFileLoader.split("f", bytes, n), () -> cut + " pieces of: " + text);
            }
        }
    }

    @Test
    void aCutNeverFollowsAContinuedLine() {
        byte[] text = "a \\\nb \\\r\nc\nd".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // lines: "a \\" (continued), "b \\\r" (continued), "c", "d": the first cut after 'c'
        assertEquals("a \\\nb \\\r\nc\n".length(), RuleFileLoader.safeCut(text, 1));
        // at a line start already (after "c"), and past the last line start: the text's end
        assertEquals(text.length - 1, RuleFileLoader.safeCut(text, text.length - 1));
        assertEquals(text.length, RuleFileLoader.safeCut(text, text.length));
        byte[] doubled = "a \\\\\nb".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // a line ending in two backslashes is not continued
        assertEquals("a \\\\\n".length(), RuleFileLoader.safeCut(doubled, 1));
    }
}
