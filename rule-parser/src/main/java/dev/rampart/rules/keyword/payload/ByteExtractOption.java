package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.List;

/**
 * {@code byte_extract:<nbytes>, <offset>, <name>[, relative][, multiplier <n>][, big|little|dce]
 * [, string[, hex|dec|oct]][, align 2|4][, slice]} — reads a number into a variable that later
 * keywords of the rule use by name (offset, depth, byte_test value, ...).
 *
 * @param nbytes     bytes to read (up to 8; in string mode up to 14 hex, 20 dec, 23 oct digits)
 * @param offset     where to read (-65535..65535)
 * @param name       the variable defined
 * @param relative   offset counts from the previous match
 * @param multiplier factor applied to the value (1..65535)
 * @param endian     byte order (null: default big)
 * @param string     the bytes are digits in text form
 * @param base       base of the digits in string mode (null: not given, decimal)
 * @param align      round the value up to a multiple of 2 or 4 (0: no rounding)
 * @param slice      take what is left when fewer than nbytes bytes remain
 * @param buffer     the inspection buffer
 */
public record ByteExtractOption(int nbytes, int offset, String name, boolean relative, int multiplier,
        ByteEndian endian, boolean string, ByteBase base, int align, boolean slice, Buffer buffer)
        implements PayloadOption {

    public static final KeywordDef DEF = KeywordDef.of("byte_extract",
            KeywordDef.doc("payload-keywords", "byte-extract"), ValueMode.REQUIRED, ByteExtractOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        List<String> t = ByteArgs.tokens("byte_extract", value);
        if (t.size() < 3 || t.size() > 10) {
            throw new RuleParseException("byte_extract: needs <nbytes>, <offset>, <name> and at most 7 options");
        }
        int nbytes = (int) ByteArgs.integer("byte_extract", "number of bytes", t.get(0), 10, 0, 255);
        int offset = (int) ByteArgs.integer("byte_extract", "offset", t.get(1), 10, -65535, 65535);
        String name = t.get(2);
        if (isNumber(name) || name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
            throw new RuleParseException("byte_extract: invalid variable name \"" + name + "\"");
        }
        boolean relative = false;
        boolean string = false;
        boolean slice = false;
        ByteEndian endian = null;
        ByteBase base = null;
        int multiplier = 1;
        boolean multiplierSet = false;
        int align = 0;
        for (String f : t.subList(3, t.size())) {
            String[] kv = ByteArgs.wordAndRest(f);
            String word = kv[0];
            String arg = kv[1];
            switch (word) {
                case "relative" -> {
                    if (relative) {
                        throw new RuleParseException("byte_extract: relative already set");
                    }
                    relative = true;
                }
                case "slice" -> {
                    if (slice) {
                        throw new RuleParseException("byte_extract: slice already set");
                    }
                    slice = true;
                }
                case "big", "little", "dce" -> {
                    if (endian != null) {
                        throw new RuleParseException("byte_extract: endianness already set");
                    }
                    endian = word.equals("big") ? ByteEndian.BIG : word.equals("little") ? ByteEndian.LITTLE
                            : ByteEndian.DCE;
                }
                case "string" -> {
                    if (string) {
                        throw new RuleParseException("byte_extract: string already set");
                    }
                    if (base != null) {
                        throw new RuleParseException("byte_extract: base specified before string; use \"string, base\"");
                    }
                    string = true;
                }
                case "hex", "dec", "oct" -> {
                    if (!string) {
                        throw new RuleParseException("byte_extract: string must be set before the base");
                    }
                    if (base != null) {
                        throw new RuleParseException("byte_extract: base already set");
                    }
                    base = ByteBase.of(word);
                }
                case "align" -> {
                    if (align != 0) {
                        throw new RuleParseException("byte_extract: align already set");
                    }
                    align = (int) ByteArgs.integer("byte_extract", "align value", arg, 10, 0, 255);
                    if (align != 2 && align != 4) {
                        throw new RuleParseException("byte_extract: align value must be 2 or 4");
                    }
                }
                case "multiplier" -> {
                    if (multiplierSet) {
                        throw new RuleParseException("byte_extract: multiplier already set");
                    }
                    multiplier = (int) ByteArgs.integer("byte_extract", "multiplier", arg, 10, 1, 65535);
                    multiplierSet = true;
                }
                default -> throw new RuleParseException("byte_extract: unknown option \"" + word + "\"");
            }
        }
        if (string && endian != null) {
            throw new RuleParseException("byte_extract: can't specify string and an endian value");
        }
        if (string && slice) {
            throw new RuleParseException("byte_extract: string and slice are mutually exclusive");
        }
        ByteArgs.checkByteCount("byte_extract", nbytes, string, string && base == null ? ByteBase.DEC : base, 23);
        Buffer buffer = ByteArgs.buffer(ctx, relative);
        ctx.defineVariable("byte_extract", name);
        ctx.add(new ByteExtractOption(nbytes, offset, name, relative, multiplier, endian, string, base, align, slice,
                buffer));
    }

    private static boolean isNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String keyword() {
        return "byte_extract";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(nbytes).append(',').append(offset).append(',').append(name);
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
        if (align != 0) {
            out.append(",align ").append(align);
        }
        if (slice) {
            out.append(",slice");
        }
    }
}
