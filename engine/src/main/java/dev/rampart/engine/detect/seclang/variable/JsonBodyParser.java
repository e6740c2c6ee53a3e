package dev.rampart.engine.detect.seclang.variable;

import java.util.List;

/**
 * The JSON request body processor as ModSecurity 2.9.7 runs it ({@code msc_json.c} on top of the
 * yajl callbacks). Argument names: a top-level object adds no prefix ({"a":{"b":1}} gives
 * {@code a.b}); an array element is named {@code prefix.key} where the array itself became the
 * prefix, so {"a":[1,2]} gives two {@code a.a}; a top-level array is named {@code array}
 * ([1] gives {@code array.array}); a top-level scalar has the empty name. Values: strings
 * unescaped to UTF-8 bytes, numbers as written, {@code true}/{@code false}, null as "". Nesting
 * deeper than SecRequestBodyJsonDepthLimit (10000) or more than 1000 arguments stop the parse with
 * an error; already added arguments are kept, as in ModSecurity. The parser is iterative (no
 * recursion), so depth costs no stack.
 */
final class JsonBodyParser {

    static final int DEPTH_LIMIT = 10000;

    private final String s;
    private final List<BodyArg> out;
    private int pos;
    /** ModSecurity's prefix; null when there is none. A builder: deep nesting stays linear. */
    private StringBuilder prefix;
    private String currentKey;
    private int depth;
    private boolean depthExceeded;

    private JsonBodyParser(String s, List<BodyArg> out) {
        this.s = s;
        this.out = out;
    }

    /** Parses {@code body}, adding arguments to {@code out}; returns null or the error message. */
    static String parse(String body, List<BodyArg> out) {
        JsonBodyParser p = new JsonBodyParser(body, out);
        String err = p.run();
        if (err == null) {
            return null;
        }
        if (p.depthExceeded) {
            return "JSON parsing error: JSON depth limit exceeded";
        }
        // a truncated document fails only in yajl_complete_parse, which ModSecurity reports as
        // "parser error"; errors seen while feeding the bytes are "parsing error"s
        return (err.endsWith("premature EOF") ? "JSON parser error: " : "JSON parsing error: ") + err;
    }

    private static final class Cancelled extends Exception {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private static final int VALUE = 0;
    private static final int AFTER_VALUE = 1;
    private static final int KEY_OR_CLOSE = 2;
    private static final int KEY = 3;
    private static final int COLON = 4;
    private static final int VALUE_OR_CLOSE = 5;

    private String run() {
        StringBuilder stack = new StringBuilder();
        int state = VALUE;
        int n = s.length();
        try {
            while (true) {
                skipWs();
                if (pos >= n) {
                    return state == AFTER_VALUE && stack.length() == 0 ? null : "parse error: premature EOF";
                }
                char c = s.charAt(pos);
                if (c == '/') {
                    return "lexical error: probable comment found in input text, comments are not enabled.";
                }
                switch (state) {
                    case VALUE, VALUE_OR_CLOSE -> {
                        if (state == VALUE_OR_CLOSE && c == ']') {
                            pos++;
                            endContainer(stack, false);
                            state = AFTER_VALUE;
                        } else if (c == '{') {
                            pos++;
                            startMap();
                            stack.append('{');
                            state = KEY_OR_CLOSE;
                        } else if (c == '[') {
                            pos++;
                            startArray();
                            stack.append('[');
                            state = VALUE_OR_CLOSE;
                        } else {
                            String err = scalar(c);
                            if (err != null) {
                                return err;
                            }
                            state = AFTER_VALUE;
                        }
                    }
                    case AFTER_VALUE -> {
                        if (stack.length() == 0) {
                            return "parse error: trailing garbage";
                        }
                        char top = stack.charAt(stack.length() - 1);
                        if (c == ',') {
                            pos++;
                            state = top == '{' ? KEY : VALUE;
                        } else if (top == '{' && c == '}') {
                            pos++;
                            endContainer(stack, true);
                        } else if (top == '[' && c == ']') {
                            pos++;
                            endContainer(stack, false);
                        } else {
                            return top == '{' ? "parse error: after key and value, inside map, I expect ',' or '}'"
                                    : "parse error: after array element, I expect ',' or ']'";
                        }
                    }
                    case KEY_OR_CLOSE, KEY -> {
                        if (state == KEY_OR_CLOSE && c == '}') {
                            pos++;
                            endContainer(stack, true);
                            state = AFTER_VALUE;
                        } else if (c == '"') {
                            pos++;
                            String key = string();
                            if (key == null) {
                                return stringError;
                            }
                            currentKey = key;
                            state = COLON;
                        } else {
                            return "parse error: invalid object key - must be a string";
                        }
                    }
                    case COLON -> {
                        if (c != ':') {
                            return "parse error: object key and value must be separated by a colon (':')";
                        }
                        pos++;
                        state = VALUE;
                    }
                    default -> throw new IllegalStateException();
                }
            }
        } catch (Cancelled e) {
            return "parse error: client cancelled parse";
        }
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B) {
                return;
            }
            pos++;
        }
    }

    private String scalar(char c) throws Cancelled {
        if (c == '"') {
            pos++;
            String v = string();
            if (v == null) {
                return stringError;
            }
            add(v);
            return null;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int start = pos;
            String err = number();
            if (err != null) {
                return err;
            }
            add(s.substring(start, pos));
            return null;
        }
        for (String lit : new String[] {"true", "false", "null"}) {
            if (c == lit.charAt(0)) {
                if (!s.startsWith(lit, pos)) {
                    return pos + lit.length() > s.length() && lit.startsWith(s.substring(pos))
                            ? "parse error: premature EOF" : "lexical error: invalid string in json text.";
                }
                pos += lit.length();
                add(lit.equals("null") ? "" : lit);
                return null;
            }
        }
        if (c == ']' || c == '}' || c == ',' || c == ':') {
            return "parse error: unallowed token at this point in JSON text";
        }
        return "lexical error: invalid char in json text.";
    }

    private String number() {
        int n = s.length();
        if (s.charAt(pos) == '-') {
            pos++;
            if (pos >= n || !digit(s.charAt(pos))) {
                return pos >= n ? "parse error: premature EOF"
                        : "lexical error: malformed number, a digit is required after the minus sign.";
            }
        }
        if (s.charAt(pos) == '0') {
            pos++;
        } else {
            while (pos < n && digit(s.charAt(pos))) {
                pos++;
            }
        }
        if (pos < n && s.charAt(pos) == '.') {
            pos++;
            if (pos >= n || !digit(s.charAt(pos))) {
                return pos >= n ? "parse error: premature EOF"
                        : "lexical error: malformed number, a digit is required after the decimal point.";
            }
            while (pos < n && digit(s.charAt(pos))) {
                pos++;
            }
        }
        if (pos < n && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < n && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= n || !digit(s.charAt(pos))) {
                return pos >= n ? "parse error: premature EOF"
                        : "lexical error: malformed number, a digit is required after the exponent.";
            }
            while (pos < n && digit(s.charAt(pos))) {
                pos++;
            }
        }
        return null;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private String stringError;

    /** Reads a string after its opening quote; null with {@link #stringError} set on error. */
    private String string() {
        StringBuilder b = new StringBuilder();
        int n = s.length();
        while (true) {
            if (pos >= n) {
                stringError = "parse error: premature EOF";
                return null;
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= n) {
                    stringError = "parse error: premature EOF";
                    return null;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        int cp = hex4();
                        if (cp < 0) {
                            return null;
                        }
                        if (cp >= 0xD800 && cp <= 0xDBFF && s.startsWith("\\u", pos)) {
                            int save = pos;
                            pos += 2;
                            int low = hex4();
                            if (low >= 0xDC00 && low <= 0xDFFF) {
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                            } else {
                                pos = save;
                            }
                        }
                        if (cp >= 0xD800 && cp <= 0xDFFF) {
                            b.append('?'); // yajl writes a lone surrogate as '?'
                        } else {
                            utf8(b, cp);
                        }
                    }
                    default -> {
                        stringError = "lexical error: inside a string, '\\' occurs before a character which it may not.";
                        return null;
                    }
                }
            } else if (c < 0x20) {
                stringError = "lexical error: invalid character inside string.";
                return null;
            } else if (c < 0x80) {
                b.append(c);
            } else {
                int more = c >> 5 == 6 ? 1 : c >> 4 == 14 ? 2 : c >> 3 == 30 ? 3 : -1;
                b.append(c);
                for (int k = 0; k < more; k++) {
                    if (pos >= n || (s.charAt(pos) & 0xC0) != 0x80) {
                        more = -1;
                        break;
                    }
                    b.append(s.charAt(pos++));
                }
                if (more < 0) {
                    stringError = "lexical error: invalid bytes in UTF8 string.";
                    return null;
                }
            }
        }
    }

    private int hex4() {
        if (pos + 4 > s.length()) {
            stringError = "parse error: premature EOF";
            return -1;
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(pos + k), 16);
            if (d < 0) {
                stringError = "lexical error: invalid (non-hex) character occurs after '\\u' inside string.";
                return -1;
            }
            v = v * 16 + d;
        }
        pos += 4;
        return v;
    }

    static void utf8(StringBuilder b, int cp) {
        if (cp < 0x80) {
            b.append((char) cp);
        } else if (cp < 0x800) {
            b.append((char) (0xC0 | cp >> 6)).append((char) (0x80 | cp & 0x3F));
        } else if (cp < 0x10000) {
            b.append((char) (0xE0 | cp >> 12)).append((char) (0x80 | cp >> 6 & 0x3F))
                    .append((char) (0x80 | cp & 0x3F));
        } else {
            b.append((char) (0xF0 | cp >> 18)).append((char) (0x80 | cp >> 12 & 0x3F))
                    .append((char) (0x80 | cp >> 6 & 0x3F)).append((char) (0x80 | cp & 0x3F));
        }
    }

    // ---- ModSecurity's yajl callbacks ----

    private void add(String value) throws Cancelled {
        if (currentKey == null) {
            currentKey = "";
        }
        String name = prefix != null ? prefix + "." + currentKey : currentKey;
        if (out.size() >= BodyArg.LIMIT) {
            throw new Cancelled();
        }
        out.add(new BodyArg(name, value, BodyArg.JSON));
    }

    private void startMap() throws Cancelled {
        if (currentKey == null) {
            return; // top-level object: no prefix, no depth
        }
        extendPrefix();
        enter();
    }

    private void extendPrefix() {
        if (prefix != null) {
            prefix.append('.').append(currentKey);
        } else {
            prefix = new StringBuilder(currentKey);
        }
    }

    private void startArray() throws Cancelled {
        if (currentKey == null && prefix == null) {
            prefix = new StringBuilder("array");
            currentKey = "array";
        } else {
            extendPrefix();
        }
        enter();
    }

    private void enter() throws Cancelled {
        depth++;
        if (depth > DEPTH_LIMIT) {
            depthExceeded = true;
            throw new Cancelled();
        }
    }

    private void endContainer(StringBuilder stack, boolean map) {
        stack.setLength(stack.length() - 1);
        if (prefix == null) {
            return;
        }
        int dot = prefix.lastIndexOf(".");
        // like ModSecurity, cut at the last '.', even one that came from a key
        if (dot >= 0) {
            if (map) {
                currentKey = prefix.substring(dot + 1);
            }
            prefix.setLength(dot);
        } else {
            if (map) {
                currentKey = prefix.toString();
            }
            prefix = null;
        }
        depth--;
    }
}
