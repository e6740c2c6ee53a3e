package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.Locale;

/**
 * {@code from_base64[:bytes <n>][, offset <n>][, mode rfc4648|rfc2045|strict]} — decodes the buffer
 * from base64. Options in any order, each at most once; bytes and offset are 0..65535 or
 * byte_extract/byte_math variables.
 *
 * @param bytes  how many bytes to decode (null: all)
 * @param offset where to start (null: 0)
 * @param mode   decoding mode (null: the default, rfc4648)
 */
public record FromBase64(NumOrVar bytes, NumOrVar offset, Mode mode) implements TransformOption {
    public static final KeywordDef DEF = KeywordDef.of("from_base64", KeywordDef.doc("transforms", "from-base64"),
            ValueMode.OPTIONAL, FromBase64::parse);

    /** Base64 dialects. */
    public enum Mode { RFC4648, RFC2045, STRICT }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        NumOrVar bytes = null;
        NumOrVar offset = null;
        Mode mode = null;
        if (value != null) {
            String[] parts = value.split(",", -1);
            if (parts.length > 3) {
                throw new RuleParseException("from_base64: at most 3 options (bytes, offset, mode)");
            }
            for (String part : parts) {
                String p = part.trim();
                int ws = 0;
                while (ws < p.length() && !Character.isWhitespace(p.charAt(ws))) {
                    ws++;
                }
                String name = p.substring(0, ws);
                String arg = p.substring(ws).trim();
                switch (name) {
                    case "mode" -> {
                        if (mode != null) {
                            throw new RuleParseException("from_base64: mode already set");
                        }
                        try {
                            mode = Mode.valueOf(arg.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            throw new RuleParseException("from_base64: invalid mode value \"" + arg + "\"");
                        }
                        if (!arg.equals(arg.toLowerCase(Locale.ROOT))) {
                            throw new RuleParseException("from_base64: invalid mode value \"" + arg + "\"");
                        }
                    }
                    case "bytes" -> {
                        if (bytes != null) {
                            throw new RuleParseException("from_base64: bytes already set");
                        }
                        bytes = numberOrVariable("bytes", arg, ctx);
                    }
                    case "offset" -> {
                        if (offset != null) {
                            throw new RuleParseException("from_base64: offset already set");
                        }
                        offset = numberOrVariable("offset", arg, ctx);
                    }
                    default -> throw new RuleParseException("from_base64: unknown option \"" + name + "\"");
                }
            }
        }
        Transforms.add("from_base64", new FromBase64(bytes, offset, mode), ctx);
    }

    private static NumOrVar numberOrVariable(String what, String arg, ParseContext ctx) throws RuleParseException {
        if (arg.isEmpty()) {
            throw new RuleParseException("from_base64: " + what + " needs a value");
        }
        boolean digits = arg.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits) {
            if (!ctx.isVariable(arg)) {
                throw new RuleParseException("from_base64: unknown byte_extract/byte_math variable \"" + arg + "\"");
            }
            return NumOrVar.var(arg);
        }
        if (arg.length() > 5 || Long.parseLong(arg) > 65535) {
            throw new RuleParseException("from_base64: " + what + " must be between 0 and 65535");
        }
        return NumOrVar.of(Long.parseLong(arg));
    }

    @Override
    public String keyword() {
        return "from_base64";
    }

    @Override
    public boolean hasValue() {
        return bytes != null || offset != null || mode != null;
    }

    @Override
    public void appendValue(StringBuilder out) {
        String sep = "";
        if (bytes != null) {
            out.append("bytes ").append(bytes);
            sep = ", ";
        }
        if (offset != null) {
            out.append(sep).append("offset ").append(offset);
            sep = ", ";
        }
        if (mode != null) {
            out.append(sep).append("mode ").append(mode.name().toLowerCase(Locale.ROOT));
        }
    }
}
