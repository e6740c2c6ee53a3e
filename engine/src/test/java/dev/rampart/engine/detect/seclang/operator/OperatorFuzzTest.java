package dev.rampart.engine.detect.seclang.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Input: {@code [mode][argument bytes] 0x00 [value bytes]}. Invariants: @rx compiles or is refused
 * with an OperatorException and answers within two seconds, a capture being part of the value; @pm
 * only matches when a naive ASCII-case-folded substring search does; @validateByteRange agrees
 * with a direct check; a value Java's strict decoder accepts as UTF-8 passes @validateUtf8Encoding;
 * @validateUrlEncoding answers. Fuzz with
 * {@code JAZZER_DISABLED_HOOKS=com.code_intelligence.jazzer.sanitizers.RegexInjection}: compiling
 * fuzzed patterns is the point here, and the refused ones are OperatorExceptions, not injections.
 */
class OperatorFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void operatorsAnswerInBoundedTime(byte[] in) throws Exception {
        if (in.length < 1) {
            return;
        }
        String all = new String(in, 1, in.length - 1, StandardCharsets.ISO_8859_1);
        int nul = all.indexOf(0);
        String arg = nul < 0 ? all : all.substring(0, nul);
        String value = nul < 0 ? "" : all.substring(nul + 1);
        switch (in[0] & 3) {
            case 0 -> rx(arg, value);
            case 1 -> pm(arg, value);
            case 2 -> byteRange(arg, value);
            default -> validate(all);
        }
    }

    private static void rx(String arg, String value) {
        Operator op;
        try {
            op = Operators.compile("rx", arg, null);
        } catch (OperatorException e) {
            return;
        }
        TestContext ctx = new TestContext(true);
        long t0 = System.nanoTime();
        boolean matched = op.matches(value, ctx);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "rx took " + ms + " ms");
        if (!matched) {
            assertTrue(ctx.captures.isEmpty());
        }
        ctx.captures.values().forEach(c -> assertTrue(value.contains(c)));
    }

    private static void pm(String arg, String value) throws Exception {
        Operator op;
        try {
            op = Pm.compile(arg);
        } catch (OperatorException e) {
            assertTrue(arg.isEmpty());
            return;
        }
        String parsed = PmContent.parse(arg);
        String text = parsed != null ? parsed : arg;
        int cut = text.indexOf(0);
        List<String> phrases = new ArrayList<>();
        for (String p : (cut >= 0 ? text.substring(0, cut) : text).split("[ \t\n\u000b\f\r]+")) {
            if (!p.isEmpty()) {
                phrases.add(p);
            }
        }
        boolean expected = false;
        String folded = asciiLower(value);
        for (String p : phrases) {
            expected |= folded.contains(asciiLower(p));
        }
        TestContext ctx = new TestContext(true);
        boolean matched = op.matches(value, ctx);
        // ACMP's shortened failure links may miss a phrase, but never report one that is absent
        if (matched) {
            assertTrue(expected && !value.isEmpty());
        }
        if (!ctx.captures.isEmpty()) {
            assertTrue(folded.contains(asciiLower(ctx.captures.get(0))));
        }
    }

    private static void byteRange(String arg, String value) {
        boolean[] allowed = new boolean[256];
        for (int i = 0; i < arg.length(); i++) {
            allowed[arg.charAt(i)] = true;
        }
        StringBuilder spec = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            if (allowed[b]) {
                spec.append(b).append(',');
            }
        }
        boolean expected = false;
        for (int i = 0; i < value.length(); i++) {
            expected |= !allowed[value.charAt(i)];
        }
        try {
            assertEquals(expected, ValidateByteRange.compile(spec.toString()).matches(value, null));
        } catch (OperatorException e) {
            throw new AssertionError(e);
        }
    }

    private static void validate(String value) {
        ValidateUrlEncoding.compile("").matches(value, null);
        boolean strictOk;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)));
            strictOk = true;
        } catch (CharacterCodingException e) {
            strictOk = false;
        }
        if (strictOk) {
            assertFalse(ValidateUtf8Encoding.compile("").matches(value, null), "valid UTF-8 rejected");
        }
    }

    private static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }
}
