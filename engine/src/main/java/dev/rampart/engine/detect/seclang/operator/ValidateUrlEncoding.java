package dev.rampart.engine.detect.seclang.operator;

/**
 * {@code @validateUrlEncoding}: matches when a {@code %} is not followed by two hexadecimal digits
 * (too few characters left, or a non-hex one). An empty value never matches.
 */
public final class ValidateUrlEncoding implements Operator {
    public static ValidateUrlEncoding compile(String argument) {
        return new ValidateUrlEncoding();
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        int n = value.length();
        int i = 0;
        while (i < n) {
            if (value.charAt(i) == '%') {
                if (i + 2 >= n || !isHex(value.charAt(i + 1)) || !isHex(value.charAt(i + 2))) {
                    return true;
                }
                i += 3;
            } else {
                i++;
            }
        }
        return false;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
