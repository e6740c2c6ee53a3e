package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.header.FragbitsOption.Modifier;

/**
 * {@code tcp.flags:[!+*]FLAGS[,MASK];} (older name {@code flags}) — TCP flags F S R P A U C E
 * ({@code 1}/{@code 2} are the old names of C/E), {@code 0} for no flag. Without a modifier the
 * flags must be exactly these; {@code +} at least these, {@code *} any of these, {@code !} not
 * all of these. The modifier may appear before or among the letters (once); the optional MASK
 * lists flags to ignore. Upper case only, as in Suricata.
 */
public record TcpFlagsOption(Modifier modifier, int flags, int ignored) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("tcp.flags", KeywordDef.doc("header-keywords", "tcp-flags"),
            ValueMode.REQUIRED, TcpFlagsOption::parse, "flags");

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    /** Print order and letters. */
    private static final char[] LETTERS = {'F', 'S', 'R', 'P', 'A', 'U', 'C', 'E'};
    private static final int[] BITS = {FIN, SYN, RST, PSH, ACK, URG, CWR, ECE};

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("tcp.flags", value);
        // Suricata: ^\s*([+*!])?\s*([SAPRFU120CE+*!]+)(?:\s*,\s*([SAPRFU12CE]+))?\s*$
        String v = value.trim();
        int comma = v.indexOf(',');
        String flagPart = (comma < 0 ? v : v.substring(0, comma)).trim();
        String maskPart = comma < 0 ? null : v.substring(comma + 1).trim();
        Modifier mod = Modifier.EXACT;
        int i = 0;
        if (!flagPart.isEmpty() && Modifier.of(flagPart.charAt(0)) != null && flagPart.length() > 1) {
            mod = Modifier.of(flagPart.charAt(0));
            i = Args.skipSpaces(flagPart, 1);
        }
        String letters = flagPart.substring(i);
        // Suricata copies each part into a 16-byte buffer: longer parts are refused
        if (letters.isEmpty() || letters.length() > 15) {
            throw invalid(value);
        }
        int flags = 0;
        int found = 0;
        for (int k = 0; k < letters.length(); k++) {
            char c = letters.charAt(k);
            Modifier m = Modifier.of(c);
            if (m != null) {
                if (mod != Modifier.EXACT) {
                    throw new RuleParseException("tcp.flags: only one modifier is allowed");
                }
                mod = m;
                continue;
            }
            if (c == '0') {
                flags = 0;
            } else {
                int bit = bit(c);
                if (bit == 0) {
                    throw invalid(value);
                }
                flags |= bit;
            }
            found++;
        }
        if (found == 0) {
            throw invalid(value);
        }
        int ignored = 0;
        if (maskPart != null) {
            if (maskPart.isEmpty() || maskPart.length() > 15) {
                throw invalid(value);
            }
            for (int k = 0; k < maskPart.length(); k++) {
                int bit = bit(maskPart.charAt(k));
                if (bit == 0) {
                    throw invalid(value);
                }
                ignored |= bit;
            }
        }
        ctx.add(new TcpFlagsOption(mod, flags, ignored));
    }

    private static int bit(char c) {
        return switch (c) {
            case 'F' -> FIN;
            case 'S' -> SYN;
            case 'R' -> RST;
            case 'P' -> PSH;
            case 'A' -> ACK;
            case 'U' -> URG;
            case 'C', '1' -> CWR;
            case 'E', '2' -> ECE;
            default -> 0;
        };
    }

    private static RuleParseException invalid(String value) {
        return new RuleParseException("tcp.flags: invalid flags \"" + value + "\"");
    }

    /** Whether packet flags {@code p} satisfy the option (Suricata's semantics). */
    public boolean matches(int p) {
        if (flags == 0 && p != 0) {
            return modifier == Modifier.NOT;
        }
        int f = p & ~ignored & 0xFF;
        return switch (modifier) {
            case ANY -> (f & flags) != 0;
            case PLUS -> (f & flags) == flags;
            case NOT -> (f & flags) != flags;
            case EXACT -> f == flags;
        };
    }

    @Override
    public String keyword() {
        return "tcp.flags";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(modifier.text());
        if (flags == 0) {
            out.append('0');
        } else {
            appendLetters(out, flags);
        }
        if (ignored != 0) {
            out.append(',');
            appendLetters(out, ignored);
        }
    }

    private static void appendLetters(StringBuilder out, int bits) {
        for (int k = 0; k < LETTERS.length; k++) {
            if ((bits & BITS[k]) != 0) {
                out.append(LETTERS[k]);
            }
        }
    }
}
