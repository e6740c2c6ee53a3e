package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code modbus:} one of Suricata 7's three forms, tried in this order (not quoted: the reference
 * refuses a quoted value):
 * {@code unit N[, function ... | access ...]}, {@code function N[, subfunction M]} or
 * {@code function [!]assigned|unassigned|public|user|reserved|all}, and
 * {@code access read|write [discretes|coils|input|holding][, address A[, value V]]}. Unit, address
 * and value are {@code N}, {@code <N}, {@code >N} or {@code N<>M} (16 bits); a value needs a single
 * address and write access; discretes and input are read only; function 0 is refused. A subfunction
 * after a category is accepted and ignored, as there.
 *
 * <p>Ranges are kept as Suricata keeps them, a start and an end ({@code <N}: 0 and N, {@code >N}: N
 * and 65535, {@code N}: N and N), because matching reads them by those ends.
 *
 * @param unitStart   -1: no unit
 * @param function    the function number (1..255), 0: none
 * @param subfunction -1: none
 * @param category    category bits to intersect (negated: the complement, 8 bits), -1: none
 * @param access      access bits (read 1, write 2, discretes 4, coils 8, input 16, holding 32), -1: none
 * @param addressStart -1: no address
 * @param valueStart  -1: no value
 */
public record ModbusOption(String text, int unitStart, int unitEnd, int function, int subfunction, int category,
        int access, int addressStart, int addressEnd, int valueStart, int valueEnd) implements RuleOption {
    private static final String S = "[ \\t\\n\\x0B\\f\\r]";
    private static final Pattern ACCESS = Pattern.compile("^" + S + "*\"?" + S + "*access" + S + "*(read|write)" + S
            + "*(discretes|coils|input|holding)?(?:," + S + "*address" + S + "+([<>]?[0-9]+)(?:<>([0-9]+))?(?:," + S
            + "*value" + S + "+([<>]?[0-9]+)(?:<>([0-9]+))?)?)?" + S + "*\"?" + S + "*\\z");
    private static final Pattern FUNCTION = Pattern.compile("^" + S + "*\"?" + S + "*function" + S
            + "*(!?[A-z0-9]+)(?:," + S + "*subfunction" + S + "+([0-9]+))?" + S + "*\"?" + S + "*\\z");
    private static final Pattern UNIT = Pattern.compile("^" + S + "*\"?" + S + "*unit" + S
            + "+([<>]?[0-9]+)(?:<>([0-9]+))?(?:," + S + "*(.*))?" + S + "*\"?" + S + "*\\z");

    public static final int READ = 1;
    public static final int WRITE = 2;
    private static final int DISCRETES = 4;
    private static final int COILS = 8;
    private static final int INPUT = 16;
    private static final int HOLDING = 32;

    public static final KeywordDef DEF = KeywordDef.of("modbus", KeywordDef.doc("modbus-keyword", "modbus-keyword"),
            ValueMode.REQUIRED, (v, ctx) -> {
                // suricata 7.0.10 refuses a quoted value (though its patterns allow quotes)
                ModbusOption o = parse(dev.rampart.rules.keyword.Args.noQuotes("modbus", v.strip()));
                if (o == null) {
                    throw new RuleParseException("modbus: invalid modbus option \"" + v.trim() + "\"");
                }
                AppProto.checkHeader(ctx, "modbus", "modbus");
                ctx.add(o);
            });

    private static final ModbusOption NONE = new ModbusOption("", -1, -1, 0, -1, -1, -1, -1, -1, -1, -1);

    /** The option of a keyword value, or null when no form reads it. */
    public static ModbusOption parse(String v) {
        ModbusOption o = unit(v);
        if (o == null) {
            o = function(v);
        }
        if (o == null) {
            o = access(v);
        }
        return o == null ? null : o.withText(v.trim());
    }

    private ModbusOption withText(String t) {
        return new ModbusOption(t, unitStart, unitEnd, function, subfunction, category, access, addressStart,
                addressEnd, valueStart, valueEnd);
    }

    private static ModbusOption unit(String v) {
        Matcher m = UNIT.matcher(v);
        if (!m.matches()) {
            return null;
        }
        ModbusOption o = NONE;
        if (m.group(3) != null) {
            o = function(m.group(3));
            if (o == null) {
                o = access(m.group(3));
            }
            if (o == null) {
                return null;
            }
        }
        int[] r = range(m.group(1), m.group(2));
        if (r == null) {
            return null;
        }
        return new ModbusOption("", r[0], r[1], o.function, o.subfunction, o.category, o.access, o.addressStart,
                o.addressEnd, o.valueStart, o.valueEnd);
    }

    private static ModbusOption function(String v) {
        Matcher m = FUNCTION.matcher(v);
        if (!m.matches()) {
            return null;
        }
        String word = m.group(1);
        if (word.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int n = number(word, 255);
            if (n <= 0) {
                return null; // 0 is refused, more than 8 bits does not read as a number (nor as a name)
            }
            int sub = -1;
            if (m.group(2) != null) {
                sub = number(m.group(2), 0xFFFF);
                if (sub < 0) {
                    return null;
                }
            }
            return new ModbusOption("", -1, -1, n, sub, -1, -1, -1, -1, -1, -1);
        }
        boolean neg = word.startsWith("!");
        int c = switch (neg ? word.substring(1) : word) {
            case "assigned" -> 1;
            case "unassigned" -> 2;
            case "public" -> 1 | 2;
            case "user" -> 4;
            case "reserved" -> 8;
            case "all" -> 15;
            default -> -1;
        };
        if (c < 0) {
            return null;
        }
        return new ModbusOption("", -1, -1, 0, -1, neg ? ~c & 0xFF : c, -1, -1, -1, -1, -1);
    }

    private static ModbusOption access(String v) {
        Matcher m = ACCESS.matcher(v);
        if (!m.matches()) {
            return null;
        }
        int a = m.group(1).equals("read") ? READ : WRITE;
        if (m.group(2) != null) {
            switch (m.group(2)) {
                case "coils" -> a |= COILS;
                case "holding" -> a |= HOLDING;
                default -> { // discretes, input: read only
                    if (a == WRITE) {
                        return null;
                    }
                    a |= m.group(2).equals("input") ? INPUT : DISCRETES;
                }
            }
        }
        if (m.group(3) == null) {
            return new ModbusOption("", -1, -1, 0, -1, -1, a, -1, -1, -1, -1);
        }
        int[] addr = range(m.group(3), m.group(4));
        if (addr == null) {
            return null;
        }
        if (m.group(5) == null) {
            return new ModbusOption("", -1, -1, 0, -1, -1, a, addr[0], addr[1], -1, -1);
        }
        if (addr[0] != addr[1] || a == READ) {
            return null; // a value needs one address, and a write
        }
        int[] val = range(m.group(5), m.group(6));
        if (val == null) {
            return null;
        }
        return new ModbusOption("", -1, -1, 0, -1, -1, a, addr[0], addr[1], val[0], val[1]);
    }

    /** {@code N}, {@code <N}, {@code >N} (max null) or {@code N<>M}, as start and end; null if out of range. */
    private static int[] range(String min, String max) {
        if (max == null) {
            char sign = min.charAt(0);
            int n = number(sign == '<' || sign == '>' ? min.substring(1) : min, 0xFFFF);
            if (n < 0) {
                return null;
            }
            return sign == '>' ? new int[] {n, 0xFFFF} : sign == '<' ? new int[] {0, n} : new int[] {n, n};
        }
        int lo = min.charAt(0) == '<' || min.charAt(0) == '>' ? -1 : number(min, 0xFFFF);
        int hi = number(max, 0xFFFF);
        return lo < 0 || hi < 0 ? null : new int[] {lo, hi};
    }

    /** Decimal digits up to {@code max}, or -1. */
    private static int number(String digits, int max) {
        if (digits.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            n = n * 10 + (digits.charAt(i) - '0');
            if (n > max) {
                return -1;
            }
        }
        return (int) n;
    }

    @Override
    public String keyword() {
        return "modbus";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(text);
    }
}
