package dev.rampart.engine.detect.seclang.operator;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code @pm}: whether any of the white-space separated phrases occurs in the value, ASCII case
 * insensitive. The argument goes through the phrase content syntax ({@link PmContent}) first; an
 * empty value never matches. Matching and TX.0 (with capture) follow ModSecurity's ACMP, quirks
 * included ({@link Acmp}).
 */
public final class Pm implements Operator {
    private final Acmp phrases;

    Pm(List<String> phrases) {
        this.phrases = new Acmp(phrases);
    }

    public static Pm compile(String argument) throws OperatorException {
        if (argument == null || argument.isEmpty()) {
            throw new OperatorException("Missing parameter for operator 'pm'.");
        }
        String parsed = PmContent.parse(argument);
        String text = parsed != null ? parsed : argument;
        List<String> list = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < text.length() && CNumber.isCSpace(text.charAt(i))) {
                i++;
            }
            // a NUL (from a |00| span) ends the C string ModSecurity splits
            if (i >= text.length() || text.charAt(i) == 0) {
                break;
            }
            int j = i;
            while (j < text.length() && !CNumber.isCSpace(text.charAt(j)) && text.charAt(j) != 0) {
                j++;
            }
            list.add(text.substring(i, j));
            i = j;
        }
        return new Pm(list);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        if (value.isEmpty()) {
            return false;
        }
        String found = phrases.find(value);
        if (found == null) {
            return false;
        }
        if (ctx.capturing()) {
            ctx.capture(0, found);
        }
        return true;
    }
}
