package dev.rampart.rules;

import dev.rampart.rules.keyword.meta.GidOption;
import dev.rampart.rules.keyword.meta.MsgOption;
import dev.rampart.rules.keyword.meta.RevOption;
import dev.rampart.rules.keyword.meta.SidOption;
import java.util.List;
import java.util.Objects;

/**
 * A parsed rule: header and typed options in rule order. Equality is the model (header and
 * options); where it came from and whether it was commented out are carried along, not compared.
 */
public final class Rule {
    private final RuleHeader header;
    private final List<RuleOption> options;
    private final SourceRef source;
    private final boolean enabled;
    private final long sid;
    private final long gid;
    private final long rev;
    private final String msg;
    /** What a {@link RuleFileLoader.ParsedRuleHook} kept of the rule it stands in for (stand-ins only). */
    private final Object attachment;

    public Rule(RuleHeader header, List<RuleOption> options, SourceRef source, boolean enabled) {
        this.header = header;
        this.options = List.copyOf(options);
        this.source = source;
        this.enabled = enabled;
        SidOption s = option(SidOption.class);
        GidOption g = option(GidOption.class);
        RevOption r = option(RevOption.class);
        MsgOption m = option(MsgOption.class);
        this.sid = s == null ? 0 : s.sid();
        this.gid = g == null ? 1 : g.gid();
        this.rev = r == null ? 0 : r.rev();
        this.msg = m == null ? "" : m.text();
        this.attachment = null;
    }

    private Rule(RuleHeader header, SourceRef source, boolean enabled, long sid, long gid, long rev, String msg,
            Object attachment) {
        this.header = header;
        this.options = List.of();
        this.source = source;
        this.enabled = enabled;
        this.sid = sid;
        this.gid = gid;
        this.rev = rev;
        this.msg = msg;
        this.attachment = attachment;
    }

    /**
     * A stand-in for this rule: its identity (sid, gid, rev, msg), source and enabled flag, without
     * header or options. What takes a rule's place in the parsed list once a
     * {@link RuleFileLoader.ParsedRuleHook} has taken what it needs of it, so the parse tree dies
     * young instead of living in the list until the load ends (ET Open: ~25 objects a rule).
     * {@link #header()} is null and the canonical text says only which rule it stands for.
     */
    public Rule standIn() {
        return header == null ? this : standIn(null);
    }

    /**
     * A {@link #standIn()} that carries {@code attachment}: what the hook made of this rule (the
     * engine's compiled rule), found again through {@link #attachment()} without a lookup table.
     */
    public Rule standIn(Object attachment) {
        return new Rule(null, source, enabled, sid, gid, rev, msg, attachment);
    }

    /** What {@link #standIn(Object)} attached; null otherwise. */
    public Object attachment() {
        return attachment;
    }

    /** Whether this is a {@link #standIn()}: no header, no options. */
    public boolean isStandIn() {
        return header == null;
    }

    /** Null for a {@link #standIn()}. */
    public RuleHeader header() {
        return header;
    }

    public List<RuleOption> options() {
        return options;
    }

    public SourceRef source() {
        return source;
    }

    /** False for rules a rule file ships commented out ({@code #alert ...}). */
    public boolean enabled() {
        return enabled;
    }

    public Rule withEnabled(boolean on) {
        return on == enabled ? this : new Rule(header, options, source, on);
    }

    public long sid() {
        return sid;
    }

    public long gid() {
        return gid;
    }

    public long rev() {
        return rev;
    }

    public String msg() {
        return msg;
    }

    /** First option of a type, or null. */
    public <T extends RuleOption> T option(Class<T> type) {
        // by index: the compiler asks each rule a few dozen times, an iterator each was garbage
        for (int i = 0, n = options.size(); i < n; i++) {
            RuleOption o = options.get(i);
            if (type.isInstance(o)) {
                return type.cast(o);
            }
        }
        return null;
    }

    /** All options of a type, in order. */
    public <T extends RuleOption> List<T> optionsOf(Class<T> type) {
        List<T> out = null;
        for (int i = 0, n = options.size(); i < n; i++) {
            RuleOption o = options.get(i);
            if (type.isInstance(o)) {
                if (out == null) {
                    out = new java.util.ArrayList<>(2);
                }
                out.add(type.cast(o));
            }
        }
        return out == null ? List.of() : java.util.Collections.unmodifiableList(out);
    }

    /**
     * Canonical rule text: one spelling per construct (sticky buffers instead of legacy content
     * modifiers, modifiers in a fixed order, hex for non-printable bytes), parseable to an equal
     * rule.
     */
    public String toCanonicalText() {
        if (header == null) {
            return "(stand-in for gid " + gid + " sid " + sid + " rev " + rev + ": not kept after compiling)";
        }
        StringBuilder sb = new StringBuilder(256);
        header.appendTo(sb);
        sb.append(" (");
        Buffer current = Buffer.PAYLOAD;
        for (RuleOption o : options) {
            if (o instanceof PayloadOption p && !p.buffer().equals(current)) {
                Buffer b = p.buffer();
                int at = b.name().indexOf('@'); // a pinned buffer, file.data@to_client: "file.data:to_client;"
                sb.append(at < 0 ? b.name() : b.name().substring(0, at) + ":" + b.name().substring(at + 1)).append("; ");
                for (RuleOption t : b.transforms()) {
                    t.appendTo(sb);
                }
                current = b;
            }
            o.appendTo(sb);
        }
        if (sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rule r && Objects.equals(r.header, header) && r.options.equals(options)
                && (header != null || r.sid == sid && r.gid == gid && r.rev == rev);
    }

    @Override
    public int hashCode() {
        return header == null ? Long.hashCode(gid << 32 | sid) : Objects.hash(header, options);
    }

    @Override
    public String toString() {
        return toCanonicalText();
    }
}
