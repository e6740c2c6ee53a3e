package dev.rampart.engine.detect.seclang.operator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code @verifyCC}: the argument is a regex for candidate card numbers (compiled like @rx); the
 * operator matches when some candidate's digits pass the Luhn check. With capture, TX.0 is that
 * candidate. The search is budgeted as @rx's is.
 */
public final class VerifyCc implements Operator {
    private final Pattern pattern;

    private VerifyCc(Pattern pattern) {
        this.pattern = pattern;
    }

    public static VerifyCc compile(String argument) throws OperatorException {
        return new VerifyCc(Rx.translate(argument == null ? "" : argument));
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        Matcher m = pattern.matcher(new BudgetedText(value));
        try {
            int from = 0;
            while (from <= value.length() && m.find(from)) {
                String candidate = value.substring(m.start(), m.end());
                if (luhn(candidate)) {
                    if (ctx.capturing()) {
                        ctx.capture(0, candidate);
                    }
                    return true;
                }
                from = m.end() > m.start() ? m.end() : m.start() + 1;
            }
        } catch (BudgetedText.Exhausted | StackOverflowError e) {
            return false;
        }
        return false;
    }

    /** Luhn over the decimal digits of s (other characters skipped); no digits fails. */
    static boolean luhn(String s) {
        int sum = 0;
        int count = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (count % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            count++;
        }
        return count > 0 && sum % 10 == 0;
    }
}
