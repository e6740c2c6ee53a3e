package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.List;
import java.util.Locale;

/**
 * {@code byte_jump:<nbytes>, <offset>[, relative][, multiplier <n>][, big|little][, string[, hex|dec|oct]]
 * [, align][, from_beginning|from_end][, post_offset <n>][, dce][, bitmask <mask>]} — reads a number and
 * moves the detection pointer by it.
 *
 * @param nbytes        bytes to read (up to 8, 23 in string mode), or a variable
 * @param offset        where to read (-65535..65535), or a variable
 * @param relative      offset counts from the previous match
 * @param multiplier    factor applied to the value read (1..65535)
 * @param endian        byte order (null: default big); {@link ByteEndian#DCE} for {@code dce}
 * @param string        the bytes are digits in text form
 * @param base          base of the digits in string mode (null: not given)
 * @param align         round the jump up to a multiple of 4
 * @param fromBeginning jump from the start of the buffer
 * @param fromEnd       jump from the end of the buffer
 * @param postOffset    added after the jump (-65535..65535)
 * @param bitmask       AND mask applied to the value read (null: none)
 * @param buffer        the inspection buffer
 */
public record ByteJumpOption(NumOrVar nbytes, NumOrVar offset, boolean relative, int multiplier, ByteEndian endian,
        boolean string, ByteBase base, boolean align, boolean fromBeginning, boolean fromEnd, int postOffset,
        Long bitmask, Buffer buffer) implements PayloadOption {

    public static final KeywordDef DEF = KeywordDef.of("byte_jump", KeywordDef.doc("payload-keywords", "byte-jump"),
            ValueMode.REQUIRED, ByteJumpOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        List<String> t = ByteArgs.tokens("byte_jump", value);
        if (t.size() < 2) {
            throw new RuleParseException("byte_jump: needs <nbytes>, <offset>");
        }
        NumOrVar nbytes = ByteArgs.numberOrVariable("byte_jump", "number of bytes", t.get(0), 10, 0, 0xFFFF_FFFFL, ctx);
        NumOrVar offset = ByteArgs.numberOrVariable("byte_jump", "offset", t.get(1), 10, -65535, 65535, ctx);
        boolean relative = false;
        boolean string = false;
        boolean dce = false;
        boolean align = false;
        boolean begin = false;
        boolean end = false;
        ByteEndian endian = null;
        ByteBase base = null;
        int multiplier = 1;
        int postOffset = 0;
        Long bitmask = null;
        for (String f : t.subList(2, t.size())) {
            String[] kv = ByteArgs.wordAndRest(f);
            String word = kv[0].toLowerCase(Locale.ROOT);
            String arg = kv[1].isEmpty() ? null : kv[1];
            if (arg != null && !word.equals("multiplier") && !word.equals("post_offset") && !word.equals("bitmask")) {
                throw new RuleParseException("byte_jump: unknown option \"" + f + "\"");
            }
            switch (word) {
                case "relative" -> {
                    if (!f.equals("relative")) {
                        throw new RuleParseException("byte_jump: unknown option \"" + f + "\"");
                    }
                    relative = true;
                }
                case "string" -> string = true;
                case "hex", "dec", "oct" -> base = ByteBase.of(word);
                case "big" -> endian = ByteEndian.BIG;
                case "little" -> endian = ByteEndian.LITTLE;
                case "dce" -> dce = true;
                case "align" -> align = true;
                case "from_beginning" -> begin = true;
                case "from_end" -> end = true;
                case "multiplier" -> multiplier = (int) ByteArgs.integer("byte_jump", "multiplier", need(arg, f), 10,
                        1, 65535);
                case "post_offset" -> postOffset = (int) ByteArgs.integer("byte_jump", "post_offset", need(arg, f), 10,
                        -65535, 65535);
                case "bitmask" -> {
                    // documented for newer Suricata; accepted (lenient)
                    long m = ByteArgs.unsignedPrefix("byte_jump", "bitmask", need(arg, f));
                    if (m < 0 || m > 0xFFFF_FFFFL) {
                        throw new RuleParseException("byte_jump: bitmask " + arg + " out of range");
                    }
                    bitmask = m;
                }
                default -> throw new RuleParseException("byte_jump: unknown option \"" + f + "\"");
            }
        }
        if (begin && end) {
            throw new RuleParseException("byte_jump: 'from_end' and 'from_beginning' cannot be used together");
        }
        if (!nbytes.isVar()) {
            ByteArgs.checkByteCount("byte_jump", nbytes.value(), string, null, 23);
        }
        if (!string && base != null) {
            throw new RuleParseException("byte_jump: cannot use a base without \"string\"");
        }
        if (dce) {
            if (string || endian != null || base != null || begin || end) {
                throw new RuleParseException("byte_jump: dce can't be combined with string, big, little, a base, "
                        + "from_beginning or from_end");
            }
            endian = ByteEndian.DCE;
        }
        ctx.add(new ByteJumpOption(nbytes, offset, relative, multiplier, endian, string, base, align, begin, end,
                postOffset, bitmask, ByteArgs.buffer(ctx, relative)));
    }

    private static String need(String arg, String option) throws RuleParseException {
        if (arg == null || arg.isEmpty()) {
            throw new RuleParseException("byte_jump: \"" + option + "\" needs a value");
        }
        return arg;
    }

    @Override
    public String keyword() {
        return "byte_jump";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(nbytes).append(',').append(offset);
        if (relative) {
            out.append(",relative");
        }
        if (multiplier != 1) {
            out.append(",multiplier ").append(multiplier);
        }
        if (endian != null) {
            out.append(',').append(endian.word());
        }
        if (string) {
            out.append(",string");
            if (base != null) {
                out.append(',').append(base.word());
            }
        }
        if (align) {
            out.append(",align");
        }
        if (fromBeginning) {
            out.append(",from_beginning");
        }
        if (fromEnd) {
            out.append(",from_end");
        }
        if (postOffset != 0) {
            out.append(",post_offset ").append(postOffset);
        }
        if (bitmask != null) {
            out.append(",bitmask 0x").append(Long.toHexString(bitmask));
        }
    }
}
