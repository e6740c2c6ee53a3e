package dev.rampart.engine.detect.seclang.operator;

import dev.rampart.engine.detect.payload.PcreTranslator;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code @rx}: a PCRE search over the value's bytes, compiled as ModSecurity does with DOTALL and
 * DOLLAR_ENDONLY, translated to java.util.regex. With capture, TX.0 is the whole first match and
 * TX.1..TX.9 its groups up to the highest one that took part (a group in between that did not take
 * part is stored empty, as PCRE's unset offsets give ModSecurity an empty string); when a group
 * past 9 takes part PCRE reports the offset vector too small and ModSecurity stores nothing. An
 * argument with macros is expanded and compiled at each evaluation (the last one cached). A search
 * past the step budget ({@link BudgetedText}) is no match, as ModSecurity's PCRE limit error is.
 */
public final class Rx implements Operator {
    private record Compiled(String source, Pattern pattern) {
    }

    private final String argument;
    private final Pattern fixed;
    private final AtomicReference<Compiled> last = new AtomicReference<>();

    private Rx(String argument, Pattern fixed) {
        this.argument = argument;
        this.fixed = fixed;
    }

    public static Rx compile(String argument) throws OperatorException {
        if (Macros.has(argument)) {
            return new Rx(argument, null);
        }
        return new Rx(argument, translate(argument));
    }

    static Pattern translate(String pattern) throws OperatorException {
        PcreTranslator.Result r = PcreTranslator.translate(pattern, false, true, false, false, false, true, false);
        if (!r.ok()) {
            throw new OperatorException("@rx " + pattern + ": " + r.uncompilableReason());
        }
        return r.pattern();
    }

    /** The pattern as written when it has no macros (compiled once), else null. */
    public String fixedSource() {
        return fixed == null ? null : argument;
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        Pattern p = fixed;
        if (p == null) {
            String source = ctx.expand(argument);
            Compiled c = last.get();
            if (c == null || !c.source().equals(source)) {
                try {
                    c = new Compiled(source, translate(source));
                } catch (OperatorException e) {
                    return false; // ModSecurity: a pattern that fails to compile at run time does not match
                }
                last.set(c);
            }
            p = c.pattern();
        }
        Matcher m = p.matcher(new BudgetedText(value));
        try {
            if (!m.find()) {
                return false;
            }
        } catch (BudgetedText.Exhausted | StackOverflowError e) {
            return false;
        }
        if (ctx.capturing()) {
            int highest = 0;
            for (int g = m.groupCount(); g > 0; g--) {
                if (m.start(g) >= 0) {
                    highest = g;
                    break;
                }
            }
            if (highest <= 9) {
                for (int g = 0; g <= highest; g++) {
                    ctx.capture(g, m.start(g) >= 0 ? value.substring(m.start(g), m.end(g)) : "");
                }
            }
        }
        return true;
    }
}
