package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * {@code asn1:<options>} — decodes the payload as ASN.1 and checks for malformed encodings:
 * {@code bitstring_overflow}, {@code double_overflow}, {@code oversize_length <n>},
 * {@code absolute_offset <n>}, {@code relative_offset <n>}, separated by commas or white space.
 *
 * @param bitstringOverflow a BIT STRING with a wrong length
 * @param doubleOverflow    a REAL with too long a representation
 * @param oversizeLength    an element longer than this (unsigned 32 bit), or null
 * @param absoluteOffset    start decoding at this payload offset (0..65535), or null
 * @param relativeOffset    start decoding this far from the previous match (-65535..65535), or null
 */
public record Asn1Option(boolean bitstringOverflow, boolean doubleOverflow, Long oversizeLength,
        Integer absoluteOffset, Integer relativeOffset) implements RuleOption {

    public static final KeywordDef DEF = KeywordDef.of("asn1", KeywordDef.doc("payload-keywords", "asn1"),
            ValueMode.REQUIRED, Asn1Option::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        boolean bitstring = false;
        boolean dbl = false;
        Long oversize = null;
        Integer absolute = null;
        Integer relative = null;
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && (Character.isLetter(value.charAt(i)) || value.charAt(i) == '_')) {
                i++;
            }
            String word = value.substring(start, i);
            switch (word) {
                case "bitstring_overflow" -> bitstring = true;
                case "double_overflow" -> dbl = true;
                case "oversize_length", "absolute_offset", "relative_offset" -> {
                    int ws = i;
                    while (i < n && Character.isWhitespace(value.charAt(i))) {
                        i++;
                    }
                    int numStart = i;
                    if (i < n && value.charAt(i) == '-' && word.equals("relative_offset")) {
                        i++;
                    }
                    while (i < n && Character.isDigit(value.charAt(i))) {
                        i++;
                    }
                    String num = value.substring(numStart, i);
                    if (ws == numStart || num.isEmpty() || num.equals("-") || num.length() > 12) {
                        throw new RuleParseException("asn1: " + word + " needs a number");
                    }
                    long v = Long.parseLong(num);
                    switch (word) {
                        case "oversize_length" -> oversize = range(word, v, 0, 0xFFFF_FFFFL);
                        case "absolute_offset" -> absolute = (int) range(word, v, 0, 65535);
                        default -> relative = (int) range(word, v, -65535, 65535);
                    }
                }
                default -> throw new RuleParseException("asn1: malformed argument at \"" + value.substring(start)
                        + "\"");
            }
            // one separator: white space or a comma
            if (i < n && value.charAt(i) == ',') {
                i++;
            } else if (i < n && !Character.isWhitespace(value.charAt(i))) {
                throw new RuleParseException("asn1: malformed argument at \"" + value.substring(i) + "\"");
            }
        }
        if (!bitstring && !dbl && oversize == null && absolute == null && relative == null) {
            throw new RuleParseException("asn1: no option given");
        }
        ctx.add(new Asn1Option(bitstring, dbl, oversize, absolute, relative));
    }

    private static long range(String word, long v, long min, long max) throws RuleParseException {
        if (v < min || v > max) {
            throw new RuleParseException("asn1: " + word + " " + v + " out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    @Override
    public String keyword() {
        return "asn1";
    }

    @Override
    public void appendValue(StringBuilder out) {
        StringBuilder sb = new StringBuilder();
        if (bitstringOverflow) {
            sb.append(", bitstring_overflow");
        }
        if (doubleOverflow) {
            sb.append(", double_overflow");
        }
        if (oversizeLength != null) {
            sb.append(", oversize_length ").append(oversizeLength);
        }
        if (absoluteOffset != null) {
            sb.append(", absolute_offset ").append(absoluteOffset);
        }
        if (relativeOffset != null) {
            sb.append(", relative_offset ").append(relativeOffset);
        }
        out.append(sb, 2, sb.length());
    }
}
