package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.ByteString;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/**
 * {@code xor:"<hex key>"} — XORs the buffer with a repeating key of 1 to 255 bytes given in hex.
 * (Newer Suricata also reads the key from the buffer, {@code var <n> <offset>}; not supported.)
 *
 * @param key the key bytes
 */
public record Xor(ByteString key) implements TransformOption {
    public static final KeywordDef DEF = KeywordDef.of("xor", KeywordDef.doc("transforms", "xor"),
            ValueMode.REQUIRED, Xor::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        // quotes: mandatory in Suricata 7, optional later; accepted both ways (lenient)
        String hex = Values.unquote("xor", value, false).trim();
        if (hex.isEmpty() || hex.length() % 2 != 0 || hex.length() > 510) {
            throw new RuleParseException("xor: key must be an even number of hex digits, 1 to 255 bytes");
        }
        byte[] key = new byte[hex.length() / 2];
        for (int i = 0; i < key.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new RuleParseException("xor: \"" + hex + "\" is not a valid hex key");
            }
            key[i] = (byte) (hi << 4 | lo);
        }
        Transforms.add("xor", new Xor(ByteString.copyOf(key)), ctx);
    }

    @Override
    public String keyword() {
        return "xor";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append('"');
        for (int i = 0; i < key.length(); i++) {
            int b = key.byteAt(i) & 0xFF;
            out.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        out.append('"');
    }
}
