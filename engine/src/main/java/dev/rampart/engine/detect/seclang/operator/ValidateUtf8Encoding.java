package dev.rampart.engine.detect.seclang.operator;

/**
 * {@code @validateUtf8Encoding}: matches on the first byte sequence ModSecurity's UTF-8 check
 * rejects: a sequence cut short by the end of the value, a lead byte that is a continuation byte or
 * 0xF8..0xFF, a missing continuation byte, a 4-byte lead of 0xF5..0xF7 (past U+10FFFF), a surrogate
 * (U+D800..U+DFFF), or an overlong form. Like ModSecurity it does not reject F4 90.. (above
 * U+10FFFF with a valid lead).
 */
public final class ValidateUtf8Encoding implements Operator {
    public static ValidateUtf8Encoding compile(String argument) {
        return new ValidateUtf8Encoding();
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        int i = 0;
        while (i < value.length()) {
            int len = sequence(value, i);
            if (len <= 0) {
                return true;
            }
            i += len;
        }
        return false;
    }

    /** The length of the valid sequence at i, or 0 when ModSecurity reports an error there. */
    private static int sequence(String v, int i) {
        int c = v.charAt(i) & 0xFF;
        int left = v.length() - i;
        int len;
        int d;
        if ((c & 0x80) == 0) {
            return 1;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            d = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            d = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            if (c >= 0xF5) {
                return 0;
            }
            len = 4;
            d = c & 0x07;
        } else {
            return 0;
        }
        if (left < len) {
            return 0;
        }
        for (int k = 1; k < len; k++) {
            int b = v.charAt(i + k) & 0xFF;
            if ((b & 0xC0) != 0x80) {
                return 0;
            }
            d = d << 6 | (b & 0x3F);
        }
        if (d >= 0xD800 && d <= 0xDFFF) {
            return 0;
        }
        int min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
        return d < min ? 0 : len;
    }
}
