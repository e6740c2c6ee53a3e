package dev.rampart.rules.header;

import java.util.List;

/**
 * Address expression of a rule header as written: variables stay variables here; {@link
 * AddressResolver} turns an expression into address ranges once a variable table is known.
 */
public sealed interface AddressExpr {

    /** Canonical text, parseable by {@link AddressParser}. */
    void appendTo(StringBuilder out);

    default String text() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    /** The one {@code any} the parser hands out (an immutable value: one per rule would do no more). */
    AddressExpr ANY = new Any();

    record Any() implements AddressExpr {
        public void appendTo(StringBuilder out) {
            out.append("any");
        }
    }

    /** A network; a single host has prefix 32 (or 128). The address is already masked. */
    record Net(IpAddress address, int prefix) implements AddressExpr {
        public void appendTo(StringBuilder out) {
            out.append(address);
            if (prefix != address.bits()) {
                out.append('/').append(prefix);
            }
        }
    }

    /** An inclusive range {@code a-b}. */
    record Range(IpAddress from, IpAddress to) implements AddressExpr {
        public void appendTo(StringBuilder out) {
            out.append(from).append('-').append(to);
        }
    }

    record Var(String name) implements AddressExpr {
        public Var {
            name = name.intern(); // a handful of variable names across every rule
        }

        public void appendTo(StringBuilder out) {
            out.append('$').append(name);
        }
    }

    record Not(AddressExpr inner) implements AddressExpr {
        public void appendTo(StringBuilder out) {
            out.append('!');
            inner.appendTo(out);
        }
    }

    record Group(List<AddressExpr> items) implements AddressExpr {
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
