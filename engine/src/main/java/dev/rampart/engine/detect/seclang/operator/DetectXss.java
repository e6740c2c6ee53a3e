package dev.rampart.engine.detect.seclang.operator;

import dev.rampart.engine.detect.seclang.operator.Html5Tokens.Start;
import dev.rampart.engine.detect.seclang.operator.XssBlacklist.AttrType;

/**
 * {@code @detectXSS}: libinjection's XSS verdict on the value, as ModSecurity 2.9.7 asks for it.
 * The value is tokenized as HTML five times, as if injected into text and into an unquoted,
 * single-, double- and back-quoted attribute value; it is XSS when any reading shows a doctype, a
 * blacklisted tag, an attribute that runs script (event handlers, styles, xmlns), a URL
 * attribute with a script-like scheme, or a suspicious comment. The argument is ignored; with
 * capture, TX.0 is the value (up to its first NUL, as ModSecurity copies it as a C string).
 */
public final class DetectXss implements Operator {
    private static final DetectXss INSTANCE = new DetectXss();
    private static final Start[] CONTEXTS = Start.values();

    private DetectXss() {
    }

    public static DetectXss compile(String argument) {
        return INSTANCE;
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        if (!isXss(value)) {
            return false;
        }
        if (ctx != null && ctx.capturing()) {
            int nul = value.indexOf(0);
            ctx.capture(0, nul < 0 ? value : value.substring(0, nul));
        }
        return true;
    }

    /** libinjection_xss: any of the five contexts. */
    static boolean isXss(String value) {
        for (Start start : CONTEXTS) {
            if (isXss(value, start)) {
                return true;
            }
        }
        return false;
    }

    /** libinjection_is_xss for one starting context. */
    static boolean isXss(String s, Start start) {
        Html5Tokens tokens = new Html5Tokens(s, start);
        // the type of the last attribute name, which only its directly following value inherits
        AttrType attr = AttrType.NONE;
        while (tokens.next()) {
            int from = tokens.start();
            int n = tokens.length();
            switch (tokens.type()) {
                case DOCTYPE:
                    return true;
                case TAG_NAME_OPEN:
                    if (XssBlacklist.isBlackTag(s, from, n)) {
                        return true;
                    }
                    attr = AttrType.NONE;
                    break;
                case ATTR_NAME:
                    attr = XssBlacklist.attrType(s, from, n);
                    break;
                case ATTR_VALUE:
                    if (dangerousValue(attr, s, from, n)) {
                        return true;
                    }
                    attr = AttrType.NONE;
                    break;
                case TAG_COMMENT:
                    if (XssBlacklist.isBlackComment(s, from, n)) {
                        return true;
                    }
                    attr = AttrType.NONE;
                    break;
                default:
                    attr = AttrType.NONE;
                    break;
            }
        }
        return false;
    }

    private static boolean dangerousValue(AttrType attr, String s, int from, int n) {
        return switch (attr) {
            case NONE -> false;
            case BLACK, STYLE -> true;
            case URL -> XssBlacklist.isBlackUrl(s, from, n);
            case INDIRECT -> XssBlacklist.attrType(s, from, n) != AttrType.NONE;
        };
    }
}
