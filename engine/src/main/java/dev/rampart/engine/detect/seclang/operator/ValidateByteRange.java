package dev.rampart.engine.detect.seclang.operator;

/**
 * {@code @validateByteRange}: matches when a byte of the value lies outside the allowed set, given
 * as comma-separated values and ranges ({@code 32-126,9,10}), each number read with atoi and
 * required to lie in 0..255 with start <= end. An empty value never matches.
 */
public final class ValidateByteRange implements Operator {
    private final boolean[] allowed;

    private ValidateByteRange(boolean[] allowed) {
        this.allowed = allowed;
    }

    public static ValidateByteRange compile(String argument) throws OperatorException {
        boolean[] allowed = new boolean[256];
        for (String part : (argument == null ? "" : argument).split(",")) {
            if (part.isEmpty()) {
                continue; // strtok skips empty tokens
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                int x = CNumber.atoi(part);
                if (x < 0 || x > 255) {
                    throw new OperatorException("Invalid range value: " + x);
                }
                allowed[x] = true;
            } else {
                int start = CNumber.atoi(part); // atoi of the whole token, as ModSecurity reads it
                int end = CNumber.atoi(part.substring(dash + 1));
                if (start < 0 || start > 255) {
                    throw new OperatorException("Invalid range start value: " + start);
                }
                if (end < 0 || end > 255) {
                    throw new OperatorException("Invalid range end value: " + end);
                }
                if (start > end) {
                    throw new OperatorException("Invalid range: " + start + "-" + end);
                }
                for (int b = start; b <= end; b++) {
                    allowed[b] = true;
                }
            }
        }
        return new ValidateByteRange(allowed);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        for (int i = 0; i < value.length(); i++) {
            if (!allowed[value.charAt(i) & 0xFF]) {
                return true;
            }
        }
        return false;
    }
}
