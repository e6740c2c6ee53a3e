package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.ByteString;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.io.ByteArrayOutputStream;

/**
 * {@code content:[!]"..."} — literal bytes with {@code |hex|} blocks; the only escapes are
 * {@code \" \; \\ \:} (others are errors, as in Suricata). Adds a {@link ContentOption} in the
 * active buffer.
 */
public final class Content {
    public static final KeywordDef DEF = KeywordDef.of("content", KeywordDef.doc("payload-keywords", "content"),
            ValueMode.REQUIRED, Content::parse);

    /** Legacy {@code uricontent}: a content in {@code http.uri}. */
    public static final KeywordDef URICONTENT = KeywordDef.of("uricontent",
            KeywordDef.doc("http-keywords", "http-uri-and-http-uri-raw"), ValueMode.REQUIRED, Content::parseUricontent);

    private Content() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        boolean negated = false;
        String v = value;
        if (v.startsWith("!")) {
            negated = true;
            v = v.substring(1).trim();
        }
        ctx.add(ContentOption.of(decode("content", v), negated, ctx.buffer()));
    }

    static void parseUricontent(String value, ParseContext ctx) throws RuleParseException {
        if (ctx.stickyActive()) {
            throw new RuleParseException("uricontent: cannot be used while a sticky buffer is active");
        }
        boolean negated = value.startsWith("!");
        String v = negated ? value.substring(1).trim() : value;
        ctx.add(ContentOption.of(decode("uricontent", v), negated, dev.rampart.rules.Buffer.of("http.uri")));
    }

    /** Decodes a quoted content string into bytes. */
    public static ByteString decode(String keyword, String quoted) throws RuleParseException {
        if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
            throw new RuleParseException(keyword + ": value must be enclosed in double quotes");
        }
        String s = quoted.substring(1, quoted.length() - 1);
        if (s.isEmpty()) {
            throw new RuleParseException(keyword + ": empty pattern");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        boolean hex = false;
        int nibble = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '|') {
                if (hex && nibble >= 0) {
                    throw new RuleParseException(keyword + ": odd number of hex digits in |...| block");
                }
                hex = !hex;
                continue;
            }
            if (hex) {
                if (c == ' ' || c == '\t') {
                    if (nibble >= 0) {
                        throw new RuleParseException(keyword + ": hex digits must come in pairs");
                    }
                    continue;
                }
                int d = Character.digit(c, 16);
                if (d < 0) {
                    throw new RuleParseException(keyword + ": invalid hex character '" + c + "' in |...| block");
                }
                if (nibble < 0) {
                    nibble = d;
                } else {
                    out.write((nibble << 4) | d);
                    nibble = -1;
                }
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    throw new RuleParseException(keyword + ": trailing backslash");
                }
                char n = s.charAt(++i);
                if (n != '"' && n != ';' && n != '\\' && n != ':') {
                    throw new RuleParseException(keyword + ": '\\" + n + "' is not a valid escape");
                }
                out.write(n);
                continue;
            }
            if (c == '"') {
                throw new RuleParseException(keyword + ": unescaped double quote inside the pattern");
            }
            if (c >= 0x80) {
                // rule files are read as UTF-8: non-ASCII text goes back to the bytes of the file
                int cp = s.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i += Character.charCount(cp) - 1;
                continue;
            }
            out.write(c);
        }
        if (hex) {
            throw new RuleParseException(keyword + ": unterminated |...| hex block");
        }
        if (out.size() == 0) {
            throw new RuleParseException(keyword + ": empty pattern");
        }
        return ByteString.copyOf(out.toByteArray());
    }
}
