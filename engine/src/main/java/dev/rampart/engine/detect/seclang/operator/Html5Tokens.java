package dev.rampart.engine.detect.seclang.operator;

/**
 * The loose HTML5 tokenizer behind {@code @detectXSS}: libinjection 3.9.2's reading of a byte
 * string (Latin-1, one char per byte) as HTML, starting either in text or inside an attribute
 * value. It is not a conforming HTML5 parser: it keeps libinjection's shortcuts and IE-isms (NULs
 * inside tag names, {@code `} quoting, {@code <% %>} comments, NUL counted as white space after a
 * name or value, byte 0xFF taken for the end of input where white space is skipped) because
 * @detectXSS verdicts depend on them.
 *
 * <p>Each state either emits a token or moves on to another state; the moves are a loop here
 * rather than nested calls, so long runs such as {@code ////} cannot exhaust the stack.
 */
final class Html5Tokens {

    /** Where tokenizing starts: libinjection's five injection contexts. */
    enum Start {
        /** Plain text between tags. */
        DATA,
        /** Inside an unquoted attribute value (tokenizing starts before an attribute name). */
        VALUE_NO_QUOTE,
        VALUE_SINGLE_QUOTE,
        VALUE_DOUBLE_QUOTE,
        VALUE_BACK_QUOTE
    }

    /** Token kinds, as libinjection names them. */
    enum Type {
        DATA_TEXT,
        TAG_NAME_OPEN,
        TAG_NAME_CLOSE,
        TAG_NAME_SELFCLOSE,
        TAG_DATA,
        TAG_CLOSE,
        ATTR_NAME,
        ATTR_VALUE,
        TAG_COMMENT,
        DOCTYPE
    }

    private enum State {
        EOF, DATA, TAG_OPEN, END_TAG_OPEN, TAG_NAME, TAG_NAME_CLOSE, BEFORE_ATTR_NAME, ATTR_NAME,
        AFTER_ATTR_NAME, BEFORE_ATTR_VALUE, VALUE_DOUBLE, VALUE_SINGLE, VALUE_BACK, VALUE_NO_QUOTE,
        AFTER_VALUE_QUOTED, SELF_CLOSING, BOGUS_COMMENT, BOGUS_COMMENT_PERCENT, MARKUP_DECLARATION,
        COMMENT, CDATA, DOCTYPE
    }

    /** What skipWhite answers at the end of input (and, as signed C chars go, at byte 0xFF). */
    private static final int END = -1;

    private final String s;
    private final int len;
    private int pos;
    private State state;
    private boolean closing;

    private Type type;
    private int tokenStart;
    private int tokenLength;

    Html5Tokens(String s, Start start) {
        this.s = s;
        this.len = s.length();
        this.state = switch (start) {
            case DATA -> State.DATA;
            case VALUE_NO_QUOTE -> State.BEFORE_ATTR_NAME;
            case VALUE_SINGLE_QUOTE -> State.VALUE_SINGLE;
            case VALUE_DOUBLE_QUOTE -> State.VALUE_DOUBLE;
            case VALUE_BACK_QUOTE -> State.VALUE_BACK;
        };
    }

    Type type() {
        return type;
    }

    /** Offset of the current token in the input. */
    int start() {
        return tokenStart;
    }

    int length() {
        return tokenLength;
    }

    /** Advances to the next token; false at the end (and from then on). */
    boolean next() {
        while (true) {
            switch (state) {
                case EOF:
                    return false;
                case DATA: {
                    int lt = s.indexOf('<', pos);
                    if (lt < 0) {
                        state = State.EOF;
                        return emit(Type.DATA_TEXT, pos, len - pos) && tokenLength > 0;
                    }
                    int from = pos;
                    pos = lt + 1;
                    state = State.TAG_OPEN;
                    if (lt > from) {
                        return emit(Type.DATA_TEXT, from, lt - from);
                    }
                    break;
                }
                case TAG_OPEN: {
                    if (pos >= len) {
                        return finish();
                    }
                    char ch = s.charAt(pos);
                    if (ch == '!') {
                        pos++;
                        state = State.MARKUP_DECLARATION;
                    } else if (ch == '/') {
                        pos++;
                        closing = true;
                        state = State.END_TAG_OPEN;
                    } else if (ch == '?') {
                        pos++;
                        state = State.BOGUS_COMMENT;
                    } else if (ch == '%') {
                        // <% ... %>: old IE and Safari comments
                        pos++;
                        state = State.BOGUS_COMMENT_PERCENT;
                    } else if (isAsciiLetter(ch) || ch == 0) {
                        // old IE ignored NULs, so a NUL may open a tag name
                        state = State.TAG_NAME;
                    } else {
                        // a lone '<': text (pos is at least 1 here, after the '<')
                        state = State.DATA;
                        return emit(Type.DATA_TEXT, pos - 1, 1);
                    }
                    break;
                }
                case END_TAG_OPEN: {
                    if (pos >= len) {
                        return finish();
                    }
                    char ch = s.charAt(pos);
                    if (ch == '>') {
                        state = State.DATA;
                    } else if (isAsciiLetter(ch)) {
                        state = State.TAG_NAME;
                    } else {
                        closing = false;
                        state = State.BOGUS_COMMENT;
                    }
                    break;
                }
                case TAG_NAME:
                    return tagName();
                case TAG_NAME_CLOSE: {
                    closing = false;
                    int at = pos;
                    pos++;
                    state = pos < len ? State.DATA : State.EOF;
                    return emit(Type.TAG_NAME_CLOSE, at, 1);
                }
                case BEFORE_ATTR_NAME: {
                    int ch = skipWhite();
                    if (ch == END) {
                        return finish();
                    } else if (ch == '/') {
                        pos++;
                        state = State.SELF_CLOSING;
                    } else if (ch == '>') {
                        state = State.DATA;
                        pos++;
                        return emit(Type.TAG_NAME_CLOSE, pos - 1, 1);
                    } else {
                        state = State.ATTR_NAME;
                    }
                    break;
                }
                case ATTR_NAME:
                    return attributeName();
                case AFTER_ATTR_NAME: {
                    int ch = skipWhite();
                    if (ch == END) {
                        return finish();
                    } else if (ch == '/') {
                        pos++;
                        state = State.SELF_CLOSING;
                    } else if (ch == '=') {
                        pos++;
                        state = State.BEFORE_ATTR_VALUE;
                    } else if (ch == '>') {
                        state = State.TAG_NAME_CLOSE;
                    } else {
                        state = State.ATTR_NAME;
                    }
                    break;
                }
                case BEFORE_ATTR_VALUE: {
                    int ch = skipWhite();
                    if (ch == END) {
                        return finish();
                    }
                    state = switch (ch) {
                        case '"' -> State.VALUE_DOUBLE;
                        case '\'' -> State.VALUE_SINGLE;
                        case '`' -> State.VALUE_BACK; // IE quoting
                        default -> State.VALUE_NO_QUOTE;
                    };
                    break;
                }
                case VALUE_DOUBLE:
                    return quotedValue('"');
                case VALUE_SINGLE:
                    return quotedValue('\'');
                case VALUE_BACK:
                    return quotedValue('`');
                case VALUE_NO_QUOTE:
                    return unquotedValue();
                case AFTER_VALUE_QUOTED: {
                    if (pos >= len) {
                        return finish();
                    }
                    char ch = s.charAt(pos);
                    if (isWhite(ch)) {
                        pos++;
                        state = State.BEFORE_ATTR_NAME;
                    } else if (ch == '/') {
                        pos++;
                        state = State.SELF_CLOSING;
                    } else if (ch == '>') {
                        pos++;
                        state = State.DATA;
                        return emit(Type.TAG_NAME_CLOSE, pos - 1, 1);
                    } else {
                        state = State.BEFORE_ATTR_NAME;
                    }
                    break;
                }
                case SELF_CLOSING: {
                    if (pos >= len) {
                        return finish();
                    }
                    if (s.charAt(pos) == '>') {
                        // only reached after a '/', so pos - 1 is that slash
                        state = State.DATA;
                        pos++;
                        return emit(Type.TAG_NAME_SELFCLOSE, pos - 2, 2);
                    }
                    state = State.BEFORE_ATTR_NAME;
                    break;
                }
                case BOGUS_COMMENT:
                    return bogusComment();
                case BOGUS_COMMENT_PERCENT:
                    return percentComment();
                case MARKUP_DECLARATION:
                    markupDeclaration();
                    break;
                case COMMENT:
                    return comment();
                case CDATA:
                    return cdata();
                case DOCTYPE: {
                    int gt = s.indexOf('>', pos);
                    int from = pos;
                    if (gt < 0) {
                        state = State.EOF;
                        return emit(Type.DOCTYPE, from, len - from);
                    }
                    state = State.DATA;
                    pos = gt + 1;
                    return emit(Type.DOCTYPE, from, gt - from);
                }
                default:
                    throw new IllegalStateException(state.name());
            }
        }
    }

    private boolean tagName() {
        int p = pos;
        while (p < len) {
            char ch = s.charAt(p);
            if (ch == 0) {
                p++; // NULs are kept inside the name
            } else if (isWhite(ch)) {
                emit(Type.TAG_NAME_OPEN, pos, p - pos);
                pos = p + 1;
                state = State.BEFORE_ATTR_NAME;
                return true;
            } else if (ch == '/') {
                emit(Type.TAG_NAME_OPEN, pos, p - pos);
                pos = p + 1;
                state = State.SELF_CLOSING;
                return true;
            } else if (ch == '>') {
                emit(closing ? Type.TAG_CLOSE : Type.TAG_NAME_OPEN, pos, p - pos);
                if (closing) {
                    // the '>' of an end tag is consumed here, with no TAG_NAME_CLOSE token
                    pos = p + 1;
                    closing = false;
                    state = State.DATA;
                } else {
                    pos = p;
                    state = State.TAG_NAME_CLOSE;
                }
                return true;
            } else {
                p++;
            }
        }
        state = State.EOF;
        return emit(Type.TAG_NAME_OPEN, pos, len - pos);
    }

    private boolean attributeName() {
        // the first char belongs to the name whatever it is ('=' included)
        int p = pos + 1;
        while (p < len) {
            char ch = s.charAt(p);
            State after;
            if (isWhite(ch)) {
                after = State.AFTER_ATTR_NAME;
            } else if (ch == '/') {
                after = State.SELF_CLOSING;
            } else if (ch == '=') {
                after = State.BEFORE_ATTR_VALUE;
            } else if (ch == '>') {
                emit(Type.ATTR_NAME, pos, p - pos);
                state = State.TAG_NAME_CLOSE;
                pos = p;
                return true;
            } else {
                p++;
                continue;
            }
            emit(Type.ATTR_NAME, pos, p - pos);
            state = after;
            pos = p + 1;
            return true;
        }
        emit(Type.ATTR_NAME, pos, len - pos);
        state = State.EOF;
        pos = len;
        return true;
    }

    private boolean quotedValue(char quote) {
        // at offset 0 tokenizing started inside the value: there is no opening quote to skip
        if (pos > 0) {
            pos++;
        }
        int end = pos < len ? s.indexOf(quote, pos) : -1;
        if (end < 0) {
            state = State.EOF;
            return emit(Type.ATTR_VALUE, pos, Math.max(0, len - pos));
        }
        emit(Type.ATTR_VALUE, pos, end - pos);
        state = State.AFTER_VALUE_QUOTED;
        pos = end + 1;
        return true;
    }

    private boolean unquotedValue() {
        int p = pos;
        while (p < len) {
            char ch = s.charAt(p);
            if (isWhite(ch)) {
                emit(Type.ATTR_VALUE, pos, p - pos);
                pos = p + 1;
                state = State.BEFORE_ATTR_NAME;
                return true;
            } else if (ch == '>') {
                emit(Type.ATTR_VALUE, pos, p - pos);
                pos = p;
                state = State.TAG_NAME_CLOSE;
                return true;
            }
            p++;
        }
        state = State.EOF;
        return emit(Type.ATTR_VALUE, pos, len - pos);
    }

    private boolean bogusComment() {
        int gt = s.indexOf('>', pos);
        int from = pos;
        if (gt < 0) {
            pos = len;
            state = State.EOF;
            return emit(Type.TAG_COMMENT, from, len - from);
        }
        pos = gt + 1;
        state = State.DATA;
        return emit(Type.TAG_COMMENT, from, gt - from);
    }

    private boolean percentComment() {
        int p = pos;
        while (true) {
            int pct = s.indexOf('%', p);
            if (pct < 0 || pct + 1 >= len) {
                int from = pos;
                pos = len;
                state = State.EOF;
                return emit(Type.TAG_COMMENT, from, len - from);
            }
            if (s.charAt(pct + 1) != '>') {
                p = pct + 1;
                continue;
            }
            emit(Type.TAG_COMMENT, pos, pct - pos);
            pos = pct + 2;
            state = State.DATA;
            return true;
        }
    }

    /** After {@code <!}: a doctype (any case), CDATA (upper case only), a comment, or a bogus comment. */
    private void markupDeclaration() {
        int remaining = len - pos;
        if (remaining >= 7 && s.regionMatches(true, pos, "DOCTYPE", 0, 7) && asciiOnly(pos, 7)) {
            state = State.DOCTYPE;
        } else if (remaining >= 7 && s.startsWith("[CDATA[", pos)) {
            pos += 7;
            state = State.CDATA;
        } else if (remaining >= 2 && s.charAt(pos) == '-' && s.charAt(pos + 1) == '-') {
            pos += 2;
            state = State.COMMENT;
        } else {
            state = State.BOGUS_COMMENT;
        }
    }

    /** A comment ends at EOF, {@code -->} or {@code -!>}; NULs right after the first dash are skipped. */
    private boolean comment() {
        int p = pos;
        while (true) {
            int dash = s.indexOf('-', p);
            if (dash < 0 || dash > len - 3) {
                return commentToEnd();
            }
            int q = dash + 1;
            while (q < len && s.charAt(q) == 0) {
                q++;
            }
            if (q == len) {
                return commentToEnd();
            }
            char ch = s.charAt(q);
            if (ch != '-' && ch != '!') {
                p = dash + 1;
                continue;
            }
            q++;
            if (q == len) {
                return commentToEnd();
            }
            if (s.charAt(q) != '>') {
                p = dash + 1;
                continue;
            }
            emit(Type.TAG_COMMENT, pos, dash - pos);
            pos = q + 1;
            state = State.DATA;
            return true;
        }
    }

    private boolean commentToEnd() {
        state = State.EOF;
        return emit(Type.TAG_COMMENT, pos, len - pos);
    }

    private boolean cdata() {
        int p = pos;
        while (true) {
            int rb = s.indexOf(']', p);
            if (rb < 0 || rb > len - 3) {
                state = State.EOF;
                return emit(Type.DATA_TEXT, pos, len - pos);
            }
            if (s.charAt(rb + 1) == ']' && s.charAt(rb + 2) == '>') {
                emit(Type.DATA_TEXT, pos, rb - pos);
                pos = rb + 3;
                state = State.DATA;
                return true;
            }
            p = rb + 1;
        }
    }

    /**
     * Skips white space, NULs and vertical tabs; answers the next char, or END at the end of input
     * and at byte 0xFF (a signed char -1 reads as libinjection's EOF there).
     */
    private int skipWhite() {
        while (pos < len) {
            char ch = s.charAt(pos);
            switch (ch) {
                case 0x00, 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D -> pos++;
                default -> {
                    return ch == 0xFF ? END : ch;
                }
            }
        }
        return END;
    }

    /** HTML white space as libinjection tests it, where the NUL counts too. */
    private static boolean isWhite(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == 0x0B || ch == '\f' || ch == '\r' || ch == 0;
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    /** regionMatches(ignoreCase) also folds non-ASCII letters; libinjection folds ASCII only. */
    private boolean asciiOnly(int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private boolean emit(Type t, int from, int length) {
        type = t;
        tokenStart = from;
        tokenLength = length;
        return true;
    }

    private boolean finish() {
        state = State.EOF;
        return false;
    }
}
