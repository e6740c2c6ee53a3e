package dev.rampart.rules.header;

import java.util.List;

/** Port expression of a rule header as written; {@link PortResolver} resolves variables. */
public sealed interface PortExpr {

    void appendTo(StringBuilder out);

    default String text() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    /** The one {@code any} the parser hands out: nearly every ET Open rule has one or two. */
    PortExpr ANY = new Any();

    record Any() implements PortExpr {
        public void appendTo(StringBuilder out) {
            out.append("any");
        }
    }

    /** Inclusive range; a single port has {@code from == to}. Open ranges are closed at 0 / 65535. */
    record Range(int from, int to) implements PortExpr {
        public void appendTo(StringBuilder out) {
            out.append(from);
            if (to != from) {
                out.append(':').append(to);
            }
        }
    }

    record Var(String name) implements PortExpr {
        public void appendTo(StringBuilder out) {
            out.append('$').append(name);
        }
    }

    record Not(PortExpr inner) implements PortExpr {
        public void appendTo(StringBuilder out) {
            out.append('!');
            inner.appendTo(out);
        }
    }

    record Group(List<PortExpr> items) implements PortExpr {
        public Group {
            items = List.copyOf(items);
        }

        public void appendTo(StringBuilder out) {
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                items.get(i).appendTo(out);
            }
            out.append(']');
        }
    }
}
