package dev.rampart.engine.detect.seclang.variable;

import java.util.ArrayList;
import java.util.List;

/**
 * A small well-formedness checking XML reader standing in for libxml2 in ModSecurity's XML body
 * processor. It keeps what CRS reads: {@code XML:/*} (the root element's XPath string value: all
 * text and CDATA under it, concatenated, one value) and {@code XML://@*} (every attribute value in
 * document order; namespace declarations are not attributes in XPath). Entities: the five
 * predefined ones and character references (as UTF-8); others, like external entities, are
 * errors (ModSecurity 2.9.7 does not load external entities). Nesting is bounded by libxml2's
 * default depth limit (256). On any error the document is dropped (no values) and an error is
 * reported.
 */
final class XmlBodyParser {

    static final int MAX_DEPTH = 256;

    /** The parse result: null lists and a message on error. */
    record Doc(String rootText, List<String> attributes, String error) {
    }

    private final String s;
    private int pos;
    private final StringBuilder text = new StringBuilder();
    private final List<String> attrs = new ArrayList<>();

    private XmlBodyParser(String s) {
        this.s = s;
    }

    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    static Doc parse(String body) {
        XmlBodyParser p = new XmlBodyParser(body);
        try {
            p.document();
            return new Doc(p.text.toString(), List.copyOf(p.attrs), null);
        } catch (Malformed e) {
            return new Doc(null, null, "XML parsing error: XML: Failed parsing document.");
        }
    }

    private void document() throws Malformed {
        if (s.startsWith("\u00EF\u00BB\u00BF")) {
            pos = 3; // UTF-8 byte order mark
        }
        boolean declaredEncoding = false;
        if (s.startsWith("<?xml", pos) && s.length() > pos + 5 && isWs(s.charAt(pos + 5))) {
            int end = find("?>");
            declaredEncoding = s.substring(pos, end).contains("encoding");
            pos = end + 2;
        }
        if (!declaredEncoding) {
            checkUtf8();
        }
        misc(true);
        if (pos >= s.length() || s.charAt(pos) != '<') {
            throw new Malformed();
        }
        element();
        misc(false);
        if (pos != s.length()) {
            throw new Malformed();
        }
    }

    /** Comments, PIs, white space (and, before the root, one DOCTYPE). */
    private void misc(boolean prolog) throws Malformed {
        boolean doctype = false;
        while (true) {
            skipWs();
            if (s.startsWith("<!--", pos)) {
                comment();
            } else if (s.startsWith("<?", pos)) {
                pi();
            } else if (prolog && !doctype && s.startsWith("<!DOCTYPE", pos)) {
                doctype();
                doctype = true;
            } else {
                return;
            }
        }
    }

    private void doctype() throws Malformed {
        pos += 9;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '[') {
                int end = s.indexOf("]", pos);
                if (end < 0) {
                    throw new Malformed();
                }
                pos = end + 1;
            } else if (c == '"' || c == '\'') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw new Malformed();
                }
                pos = end + 1;
            } else if (c == '>') {
                pos++;
                return;
            } else {
                pos++;
            }
        }
        throw new Malformed();
    }

    private void comment() throws Malformed {
        int end = s.indexOf("-->", pos + 4);
        if (end < 0 || s.substring(pos + 4, end).contains("--")) {
            throw new Malformed();
        }
        pos = end + 3;
    }

    private void pi() throws Malformed {
        pos += 2;
        String target = name();
        if (target.equalsIgnoreCase("xml")) {
            throw new Malformed();
        }
        pos = find("?>") + 2;
    }

    private int find(String what) throws Malformed {
        int end = s.indexOf(what, pos);
        if (end < 0) {
            throw new Malformed();
        }
        return end;
    }

    /** The root element and its content, iteratively (open element names on a stack). */
    private void element() throws Malformed {
        List<String> open = new ArrayList<>();
        do {
            if (pos >= s.length()) {
                throw new Malformed();
            }
            char c = s.charAt(pos);
            if (c != '<') {
                if (open.isEmpty()) {
                    throw new Malformed();
                }
                charData();
            } else if (s.startsWith("</", pos)) {
                pos += 2;
                String name = name();
                skipWs();
                expect('>');
                if (open.isEmpty() || !open.remove(open.size() - 1).equals(name)) {
                    throw new Malformed();
                }
            } else if (s.startsWith("<!--", pos) && !open.isEmpty()) {
                comment();
            } else if (s.startsWith("<![CDATA[", pos) && !open.isEmpty()) {
                int end = s.indexOf("]]>", pos + 9);
                if (end < 0) {
                    throw new Malformed();
                }
                text.append(s, pos + 9, end);
                pos = end + 3;
            } else if (s.startsWith("<?", pos) && !open.isEmpty()) {
                pi();
            } else {
                pos++;
                String name = name();
                List<String> seen = new ArrayList<>();
                while (true) {
                    boolean ws = skipWs();
                    if (pos >= s.length()) {
                        throw new Malformed();
                    }
                    char d = s.charAt(pos);
                    if (d == '/') {
                        pos++;
                        expect('>');
                        break;
                    }
                    if (d == '>') {
                        pos++;
                        open.add(name);
                        if (open.size() > MAX_DEPTH) {
                            throw new Malformed();
                        }
                        break;
                    }
                    if (!ws) {
                        throw new Malformed();
                    }
                    String attr = name();
                    if (seen.contains(attr)) {
                        throw new Malformed();
                    }
                    seen.add(attr);
                    skipWs();
                    expect('=');
                    skipWs();
                    String value = attValue();
                    if (!attr.equals("xmlns") && !attr.startsWith("xmlns:")) {
                        attrs.add(value);
                    }
                }
            }
        } while (!open.isEmpty());
    }

    private void charData() throws Malformed {
        while (pos < s.length() && s.charAt(pos) != '<') {
            char c = s.charAt(pos);
            if (c == '&') {
                reference(text);
            } else {
                if (c == ']' && s.startsWith("]]>", pos)) {
                    throw new Malformed();
                }
                checkChar(c);
                text.append(c);
                pos++;
            }
        }
    }

    private String attValue() throws Malformed {
        if (pos >= s.length() || (s.charAt(pos) != '"' && s.charAt(pos) != '\'')) {
            throw new Malformed();
        }
        char q = s.charAt(pos++);
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new Malformed();
            }
            char c = s.charAt(pos);
            if (c == q) {
                pos++;
                return b.toString();
            }
            if (c == '<') {
                throw new Malformed();
            }
            if (c == '&') {
                reference(b);
            } else {
                checkChar(c);
                // attribute value normalisation: white space characters become spaces
                b.append(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
                pos++;
            }
        }
    }

    private void reference(StringBuilder b) throws Malformed {
        int end = s.indexOf(';', pos);
        if (end < 0 || end - pos > 12) {
            throw new Malformed();
        }
        String ref = s.substring(pos + 1, end);
        pos = end + 1;
        switch (ref) {
            case "lt" -> b.append('<');
            case "gt" -> b.append('>');
            case "amp" -> b.append('&');
            case "apos" -> b.append('\'');
            case "quot" -> b.append('"');
            default -> {
                int cp;
                try {
                    if (ref.startsWith("#x")) {
                        cp = Integer.parseInt(ref.substring(2), 16);
                    } else if (ref.startsWith("#")) {
                        cp = Integer.parseInt(ref.substring(1));
                    } else {
                        throw new Malformed();
                    }
                } catch (NumberFormatException e) {
                    throw new Malformed();
                }
                if (!(cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                        || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF))) {
                    throw new Malformed();
                }
                JsonBodyParser.utf8(b, cp);
            }
        }
    }

    private static void checkChar(char c) throws Malformed {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            throw new Malformed();
        }
    }

    private String name() throws Malformed {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (isWs(c) || c == '/' || c == '>' || c == '=' || c == '<' || c == '"' || c == '\''
                    || c == '&' || c == '?' || c == '!' || c == ';' || c < 0x20) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw new Malformed();
        }
        char first = s.charAt(start);
        if (first == '-' || first == '.' || (first >= '0' && first <= '9')) {
            throw new Malformed();
        }
        return s.substring(start, pos);
    }

    private void expect(char c) throws Malformed {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw new Malformed();
        }
        pos++;
    }

    private boolean skipWs() {
        int start = pos;
        while (pos < s.length() && isWs(s.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Without an encoding declaration libxml2 takes the document as UTF-8 and rejects bad bytes. */
    private void checkUtf8() throws Malformed {
        int n = s.length();
        for (int i = pos; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            int more = c >> 5 == 6 ? 1 : c >> 4 == 14 ? 2 : c >> 3 == 30 ? 3 : -1;
            if (more < 0 || c == 0xC0 || c == 0xC1) {
                throw new Malformed();
            }
            for (int k = 0; k < more; k++) {
                if (++i >= n || (s.charAt(i) & 0xC0) != 0x80) {
                    throw new Malformed();
                }
            }
        }
    }
}
