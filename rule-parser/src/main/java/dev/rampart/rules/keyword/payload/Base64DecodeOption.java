package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * {@code base64_decode[:bytes <n>][, offset <n>][, relative]} — decodes base64 data of the buffer
 * for {@code base64_data} to inspect. The options come in this order (Suricata's syntax); the
 * commas between them are optional.
 *
 * @param bytes    how many bytes to decode (null: all, up to Suricata's 65535)
 * @param offset   where to start decoding (null: 0)
 * @param relative offset counts from the previous match
 * @param buffer   the buffer decoded
 */
public record Base64DecodeOption(Long bytes, Long offset, boolean relative, Buffer buffer) implements PayloadOption {
    public static final KeywordDef DEF = KeywordDef.of("base64_decode",
            KeywordDef.doc("base64-keywords", "base64-decode"), ValueMode.OPTIONAL, Base64DecodeOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Long bytes = null;
        Long offset = null;
        boolean relative = false;
        if (value != null) {
            Scanner s = new Scanner(value);
            if (s.word("bytes")) {
                bytes = s.number("bytes");
                s.optionalComma();
            }
            if (s.word("offset")) {
                offset = s.number("offset");
                s.optionalComma();
            }
            // then one word, which must be "relative"; like Suricata, what follows it is not read
            String word = s.word();
            if (!word.isEmpty()) {
                if (!word.equals("relative")) {
                    throw new RuleParseException("base64_decode: invalid argument \"" + word + "\"");
                }
                relative = true;
            }
        }
        ctx.add(new Base64DecodeOption(bytes, offset, relative, buffer(ctx)));
    }

    /**
     * The active sticky buffer; else the buffer of the last content, pcre, byte_* or isdataat of
     * the rule (whether relative or not, as Suricata's setup does); else the payload.
     */
    private static Buffer buffer(ParseContext ctx) {
        if (ctx.stickyActive()) {
            return ctx.buffer();
        }
        PayloadOption last = ByteArgs.lastPayloadMatch(ctx);
        return last == null ? Buffer.PAYLOAD : last.buffer();
    }

    /** Reads "bytes N", "offset N" and the trailing word. */
    private static final class Scanner {
        final String s;
        int pos;

        Scanner(String s) {
            this.s = s;
        }

        void spaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        /** A run of word characters after optional white space (possibly empty). */
        String word() {
            spaces();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** The keyword followed by white space; consumed when present. */
        boolean word(String w) {
            spaces();
            if (s.startsWith(w, pos) && pos + w.length() < s.length()
                    && Character.isWhitespace(s.charAt(pos + w.length()))) {
                pos += w.length();
                return true;
            }
            return false;
        }

        long number(String what) throws RuleParseException {
            spaces();
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (start == pos || pos - start > 10 || Long.parseLong(s.substring(start, pos)) > 0xFFFF_FFFFL) {
                throw new RuleParseException("base64_decode: bad value for " + what);
            }
            return Long.parseLong(s.substring(start, pos));
        }

        void optionalComma() {
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
            }
        }
    }

    @Override
    public String keyword() {
        return "base64_decode";
    }

    @Override
    public boolean hasValue() {
        return bytes != null || offset != null || relative;
    }

    @Override
    public void appendValue(StringBuilder out) {
        String sep = "";
        if (bytes != null) {
            out.append("bytes ").append(bytes);
            sep = ",";
        }
        if (offset != null) {
            out.append(sep).append("offset ").append(offset);
            sep = ",";
        }
        if (relative) {
            out.append(sep).append("relative");
        }
    }
}
