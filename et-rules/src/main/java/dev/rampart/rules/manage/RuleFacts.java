package dev.rampart.rules.manage;

import dev.rampart.rules.RuleLexer;
import dev.rampart.rules.RuleParseException;

import dev.rampart.rules.keyword.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What rule management needs to know about a rule, read from its text by a lenient scanner that
 * never fails: ids, header fields, metadata, flowbits. Selection (sid lists, metadata, profiles)
 * works on these facts, so it behaves the same for rules the full parser accepts and for rules it
 * rejects, as suricata-update's own light parser does.
 *
 * @param header the seven header fields as written (fewer when the header is malformed)
 * @param metadata metadata entries in order, each as {@code key value} split at the first space
 * @param flowbits every {@code flowbits} option value as written ({@code set,name}, {@code isset,a|b})
 * @param noalert the rule has {@code noalert} or {@code flowbits:noalert}
 */
public record RuleFacts(
        String action,
        List<String> header,
        long gid,
        long sid,
        long rev,
        String msg,
        String classtype,
        List<Meta> metadata,
        List<String> flowbits,
        boolean noalert) {

    /** One metadata entry. */
    public record Meta(String key, String value) {
    }

    public RuleFacts {
        header = List.copyOf(header);
        metadata = List.copyOf(metadata);
        flowbits = List.copyOf(flowbits);
    }

    /** {@code gid:sid}, the key suricata-update and Suricata use for a rule. */
    public String id() {
        return gid + ":" + sid;
    }

    /** Header field by position (0 action ... 6 destination ports), or "" when absent. */
    public String headerField(int i) {
        return i < header.size() ? header.get(i) : "";
    }

    public String protocol() {
        return headerField(1).toLowerCase(Locale.ROOT);
    }

    public String source() {
        return headerField(2);
    }

    public String direction() {
        return headerField(4);
    }

    public String destination() {
        return headerField(5);
    }

    /** Values of a metadata key, compared without case (suricata-update's matcher ignores case). */
    public List<String> metadataValues(String key) {
        List<String> out = new ArrayList<>();
        for (Meta m : metadata) {
            if (m.key().equalsIgnoreCase(key)) {
                out.add(m.value());
            }
        }
        return out;
    }

    /** Scans a rule text (without a leading '#'). */
    public static RuleFacts scan(String text) {
        String s = text.trim();
        int open = RuleLexer.headerEnd(s);
        String headerText = open < 0 ? s : s.substring(0, open);
        List<String> header = RuleLexer.headerTokens(headerText);
        String action = header.isEmpty() ? "" : header.get(0).toLowerCase(Locale.ROOT);
        long gid = 1;
        long sid = 0;
        long rev = 0;
        String msg = "";
        String classtype = "";
        List<Meta> metadata = new ArrayList<>();
        List<String> flowbits = new ArrayList<>();
        boolean noalert = false;
        if (open >= 0) {
            int end = s.endsWith(")") ? s.length() - 1 : s.length();
            for (String[] opt : options(s, open + 1, end)) {
                String name = opt[0].toLowerCase(Locale.ROOT);
                String value = opt[1];
                switch (name) {
                    case "sid" -> sid = number(value, sid);
                    case "gid" -> gid = number(value, gid);
                    case "rev" -> rev = number(value, rev);
                    case "msg" -> msg = unquote(value);
                    case "classtype" -> classtype = value;
                    case "noalert" -> noalert = true;
                    case "metadata" -> {
                        for (String item : Values.splitComma(value)) {
                            if (item.isEmpty()) {
                                continue;
                            }
                            int sp = firstSpace(item);
                            metadata.add(sp < 0 ? new Meta(item, "")
                                    : new Meta(item.substring(0, sp), item.substring(sp + 1).trim()));
                        }
                    }
                    case "flowbits" -> {
                        flowbits.add(value);
                        if (value.trim().equalsIgnoreCase("noalert")) {
                            noalert = true;
                        }
                    }
                    default -> {
                        // other keywords do not matter for selection
                    }
                }
            }
        }
        return new RuleFacts(action, header, gid, sid, rev, msg, classtype, metadata, flowbits, noalert);
    }

    private static long number(String v, long fallback) {
        String t = v.trim();
        if (t.isEmpty() || t.length() > 18) {
            return fallback;
        }
        long n = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return fallback;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static String unquote(String v) {
        String t = v.trim();
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
            t = t.substring(1, t.length() - 1);
        }
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                c = t.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** The option boundaries of the rule parser, read leniently (this scan never fails). */
    private static List<String[]> options(String s, int from, int to) {
        List<String[]> out = new ArrayList<>();
        try {
            RuleLexer.options(s, from, to, false, (name, value) -> out.add(new String[] {name, value == null ? "" : value}));
        } catch (RuleParseException e) {
            throw new AssertionError("lenient scan does not throw", e);
        }
        return out;
    }


}
