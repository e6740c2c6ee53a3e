package dev.rampart.rules.config;

import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.header.AddressExpr;
import dev.rampart.rules.header.AddressParser;
import dev.rampart.rules.header.AddressResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code threshold.config}: global {@code threshold} / {@code event_filter}, {@code suppress} and
 * {@code rate_filter} entries. The fields come in Suricata's fixed order, separated by commas; a
 * trailing backslash continues a line, {@code #} starts a comment line. Bad lines are collected as
 * {@code file:line: reason} errors and the good ones kept, so one typo does not lose the rest.
 */
public final class ThresholdConfig {

    /** Which command a line used ({@code threshold} and {@code event_filter} are the same thing). */
    public enum Command {
        THRESHOLD("threshold"), EVENT_FILTER("event_filter"), SUPPRESS("suppress"), RATE_FILTER("rate_filter");

        private final String text;

        Command(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** {@code type} of a threshold / event_filter. */
    public enum Type { LIMIT, THRESHOLD, BOTH }

    /** {@code track}: which addresses the counters are kept for. */
    public enum Track {
        BY_SRC, BY_DST, BY_RULE, BY_BOTH, BY_EITHER, BY_FLOW;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code new_action} of a rate_filter. */
    public enum NewAction { ALERT, DROP, PASS, LOG, SDROP, REJECT }

    /** One entry of the file; gid/sid 0 are wildcards as in Suricata. */
    public sealed interface Entry permits Threshold, Suppress, RateFilter {
        long gid();

        long sid();

        /** 1-based line where the entry starts. */
        int line();
    }

    /** {@code threshold} or {@code event_filter}. */
    public record Threshold(Command command, long gid, long sid, Type type, Track track, long count, long seconds,
            int line) implements Entry {
    }

    /**
     * {@code suppress}: without track/ip the rule's alerts are suppressed entirely
     * ({@code track} and {@code ip} are then null).
     */
    public record Suppress(long gid, long sid, Track track, AddressExpr ip, int line) implements Entry {
        public boolean wholeRule() {
            return track == null;
        }
    }

    /** {@code rate_filter}. */
    public record RateFilter(long gid, long sid, Track track, long count, long seconds, NewAction newAction,
            long timeout, int line) implements Entry {
    }

    private final List<Entry> entries;
    private final List<String> errors;

    private ThresholdConfig(List<Entry> entries, List<String> errors) {
        this.entries = List.copyOf(entries);
        this.errors = List.copyOf(errors);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Lines that could not be used, as {@code file:line: reason}. */
    public List<String> errors() {
        return errors;
    }

    public static ThresholdConfig load(Path file, RuleEnvironment env) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), env);
    }

    /**
     * @param env variables for {@code ip $VAR} in suppress entries; null checks the syntax only
     */
    public static ThresholdConfig parse(String label, String text, RuleEnvironment env) {
        List<Entry> entries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        AddressResolver resolver = env == null ? null : new AddressResolver(env.addressVars()::get);
        String[] lines = text.split("\n", -1);
        StringBuilder pending = null;
        int startLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (pending == null) {
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                pending = new StringBuilder();
                startLine = i + 1;
            }
            String t = line.stripTrailing();
            if (t.endsWith("\\")) {
                pending.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            pending.append(t);
            String entry = pending.toString().trim();
            pending = null;
            try {
                entries.add(parseEntry(entry, startLine, resolver));
            } catch (RuleParseException e) {
                errors.add(label + ":" + startLine + ": " + e.getMessage());
            }
        }
        if (pending != null) {
            errors.add(label + ":" + startLine + ": line continued with '\\' at the end of the file");
        }
        return new ThresholdConfig(entries, errors);
    }

    /** Parses one logical line (continuations joined). */
    static Entry parseEntry(String text, int line, AddressResolver resolver) throws RuleParseException {
        int sp = 0;
        while (sp < text.length() && !Character.isWhitespace(text.charAt(sp))) {
            sp++;
        }
        String word = text.substring(0, sp).toLowerCase(Locale.ROOT);
        Command cmd = switch (word) {
            case "threshold" -> Command.THRESHOLD;
            case "event_filter" -> Command.EVENT_FILTER;
            case "suppress" -> Command.SUPPRESS;
            case "rate_filter" -> Command.RATE_FILTER;
            default -> throw new RuleParseException("unknown command \"" + text.substring(0, sp)
                    + "\" (expected threshold, event_filter, suppress or rate_filter)");
        };
        List<String[]> fields = fields(text.substring(sp), cmd);
        long gid = number(cmd, fields, 0, "gen_id");
        long sid = number(cmd, fields, 1, "sig_id");
        if (gid == 0 && sid != 0) {
            throw new RuleParseException(cmd.text() + ": sig_id " + sid + " with gen_id 0 is not allowed");
        }
        switch (cmd) {
            case THRESHOLD, EVENT_FILTER -> {
                expectCount(cmd, fields, 6, "gen_id, sig_id, type, track, count, seconds");
                Type type = switch (value(cmd, fields, 2, "type").toLowerCase(Locale.ROOT)) {
                    case "limit" -> Type.LIMIT;
                    case "threshold" -> Type.THRESHOLD;
                    case "both" -> Type.BOTH;
                    default -> throw new RuleParseException(cmd.text() + ": invalid type \""
                            + value(cmd, fields, 2, "type") + "\" (limit, threshold or both)");
                };
                Track track = track(cmd, value(cmd, fields, 3, "track"), false);
                long count = number(cmd, fields, 4, "count");
                long seconds = number(cmd, fields, 5, "seconds");
                if (count == 0) {
                    throw new RuleParseException(cmd.text() + ": count must be greater than 0");
                }
                return new Threshold(cmd, gid, sid, type, track, count, seconds, line);
            }
            case RATE_FILTER -> {
                expectCount(cmd, fields, 7, "gen_id, sig_id, track, count, seconds, new_action, timeout");
                Track track = track(cmd, value(cmd, fields, 2, "track"), false);
                long count = number(cmd, fields, 3, "count");
                long seconds = number(cmd, fields, 4, "seconds");
                String a = value(cmd, fields, 5, "new_action");
                NewAction action;
                try {
                    action = NewAction.valueOf(a.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new RuleParseException(cmd.text() + ": invalid new_action \"" + a
                            + "\" (alert, drop, pass, log, sdrop or reject)");
                }
                long timeout = number(cmd, fields, 6, "timeout");
                if (count == 0) {
                    throw new RuleParseException(cmd.text() + ": count must be greater than 0");
                }
                return new RateFilter(gid, sid, track, count, seconds, action, timeout, line);
            }
            default -> {
                if (fields.size() == 2) {
                    return new Suppress(gid, sid, null, null, line);
                }
                expectCount(cmd, fields, 4, "gen_id, sig_id[, track, ip]");
                Track track = track(cmd, value(cmd, fields, 2, "track"), true);
                String ipText = value(cmd, fields, 3, "ip");
                AddressExpr ip = AddressParser.parse(ipText);
                if (resolver != null) {
                    resolver.resolve(ip); // undefined variables and bad addresses fail here
                }
                return new Suppress(gid, sid, track, ip, line);
            }
        }
    }

    /**
     * Splits {@code gen_id 1, sig_id 2, name value, ...} into (name, value) pairs. Commas inside
     * brackets (an ip list) do not split; the last field of suppress ({@code ip ...}) takes the
     * rest of the line, which may hold a list.
     */
    private static List<String[]> fields(String rest, Command cmd) throws RuleParseException {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= rest.length(); i++) {
            char c = i < rest.length() ? rest.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth <= 0) {
                parts.add(rest.substring(start, i).trim());
                start = i + 1;
            }
        }
        List<String[]> fields = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new RuleParseException(cmd.text() + ": empty field (stray comma?)");
            }
            int sp = 0;
            while (sp < p.length() && !Character.isWhitespace(p.charAt(sp))) {
                sp++;
            }
            String name = p.substring(0, sp).toLowerCase(Locale.ROOT);
            String value = p.substring(sp).trim();
            if (value.isEmpty()) {
                throw new RuleParseException(cmd.text() + ": " + name + " needs a value");
            }
            fields.add(new String[] {name, value});
        }
        return fields;
    }

    private static void expectCount(Command cmd, List<String[]> fields, int n, String form) throws RuleParseException {
        if (fields.size() != n) {
            throw new RuleParseException(cmd.text() + ": expected " + form + " (" + n + " fields), found "
                    + fields.size());
        }
    }

    private static String value(Command cmd, List<String[]> fields, int i, String name) throws RuleParseException {
        if (i >= fields.size()) {
            throw new RuleParseException(cmd.text() + ": missing " + name);
        }
        String[] f = fields.get(i);
        if (!f[0].equals(name)) {
            throw new RuleParseException(cmd.text() + ": expected " + name + " as field " + (i + 1) + ", found \""
                    + f[0] + "\"");
        }
        return f[1];
    }

    private static long number(Command cmd, List<String[]> fields, int i, String name) throws RuleParseException {
        String v = value(cmd, fields, i, name);
        if (v.isEmpty() || v.length() > 10) {
            throw new RuleParseException(cmd.text() + ": " + name + " \"" + v + "\" is not a valid number");
        }
        long n = 0;
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c < '0' || c > '9') {
                throw new RuleParseException(cmd.text() + ": " + name + " \"" + v + "\" is not a valid number");
            }
            n = n * 10 + (c - '0');
        }
        if (n > 0xFFFFFFFFL) {
            throw new RuleParseException(cmd.text() + ": " + name + " " + v + " is out of range");
        }
        return n;
    }

    private static Track track(Command cmd, String v, boolean suppress) throws RuleParseException {
        String s = v.toLowerCase(Locale.ROOT);
        if (suppress) {
            return switch (s) {
                case "by_src" -> Track.BY_SRC;
                case "by_dst" -> Track.BY_DST;
                case "by_either" -> Track.BY_EITHER;
                default -> throw new RuleParseException("suppress: invalid track \"" + v
                        + "\" (by_src, by_dst or by_either)");
            };
        }
        return switch (s) {
            case "by_src" -> Track.BY_SRC;
            case "by_dst" -> Track.BY_DST;
            case "by_rule" -> Track.BY_RULE;
            case "by_both" -> Track.BY_BOTH;
            // Suricata 8 documents by_flow for global thresholds too; accepted (lenient)
            case "by_flow" -> Track.BY_FLOW;
            default -> throw new RuleParseException(cmd.text() + ": invalid track \"" + v
                    + "\" (by_src, by_dst, by_rule, by_both or by_flow)");
        };
    }
}
