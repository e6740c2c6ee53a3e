package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * {@code absent} / {@code absent: or_else} (Suricata 8): the active sticky buffer matches when it
 * does not exist in the transaction; with {@code or_else} an existing buffer is inspected by the
 * buffer's other keywords instead. Plain {@code absent} takes no other keyword on the buffer.
 *
 * @param orElse {@code absent: or_else}
 * @param buffer the sticky buffer
 */
public record AbsentOption(boolean orElse, Buffer buffer) implements PayloadOption {
    public static final KeywordDef DEF = KeywordDef.of("absent", KeywordDef.doc("payload-keywords", "absent"),
            ValueMode.OPTIONAL, AbsentOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        if (!ctx.stickyActive()) {
            throw new RuleParseException("absent: needs a sticky buffer (e.g. http.referer; absent;)");
        }
        boolean orElse = false;
        if (value != null && !value.isBlank()) {
            if (!value.trim().equals("or_else")) {
                throw new RuleParseException("absent: unexpected value \"" + value.trim() + "\" (only or_else)");
            }
            orElse = true;
        }
        AbsentOption a = new AbsentOption(orElse, ctx.buffer());
        ctx.add(a);
        if (!orElse) {
            ctx.atFinish("absent " + ctx.options().size(), c -> a.checkAlone(c));
        }
    }

    /** Plain absent with another keyword on the same buffer can never match (Suricata refuses it). */
    private void checkAlone(ParseContext ctx) throws RuleParseException {
        for (var o : ctx.options()) {
            if (o instanceof PayloadOption p && p != this && buffer.equals(p.buffer())) {
                throw new RuleParseException("absent: no other keyword may inspect the buffer " + buffer.name()
                        + " (use absent: or_else)");
            }
        }
    }

    @Override
    public String keyword() {
        return "absent";
    }

    @Override
    public boolean hasValue() {
        return orElse;
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (orElse) {
            out.append("or_else");
        }
    }
}
