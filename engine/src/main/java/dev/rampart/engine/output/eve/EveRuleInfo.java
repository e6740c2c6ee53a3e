package dev.rampart.engine.output.eve;

import dev.rampart.eve.EveAlertSource;
import dev.rampart.eve.JsonBuffer;
import dev.rampart.rules.Rule;
import dev.rampart.rules.config.ClassificationConfig;
import dev.rampart.rules.keyword.meta.ClasstypeOption;
import dev.rampart.rules.keyword.meta.MetadataOption;
import dev.rampart.rules.keyword.meta.PriorityOption;
import dev.rampart.rules.keyword.meta.TargetOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-rule part of an EVE alert, rendered once (on the rule's first alert) so writing an alert copies
 * bytes instead of escaping strings: {@code "gid":..,"signature_id":..,"rev":..,"signature":"..",
 * "category":"..","severity":N} and, when the rule has metadata, {@code ,"metadata":{...}}.
 *
 * <p>Metadata is grouped per key as Suricata 7 logs it (each point checked against the oracle):
 * keys compare case-insensitively (ASCII lowercased, so {@code a[ < a_b < aB}) and are sorted that
 * way; a key's spelling is that of its <em>last</em> occurrence in the rule; its values form an
 * array in <em>reverse</em> order of appearance, duplicates kept; a key without a value is dropped
 * ({@code metadata: zeta 1, alpha 2, zeta 3, lonely} logs {@code {"alpha":["2"],"zeta":["3","1"]}}).
 */
public final class EveRuleInfo {
    /** Which side of the alert the rule's {@code target:} keyword names, if any. */
    public enum Target {
        NONE, SRC_IS_TARGET, DEST_IS_TARGET
    }

    /** Suricata's default priority (severity) for a rule without classtype or priority. */
    public static final int DEFAULT_SEVERITY = 3;

    /**
     * Rendered on the rule's first alert, as the metadata below: 19k rules' identities were 3 MB of
     * the loaded plan (and twice that of start-up garbage) for the few rules that alert.
     */
    private volatile byte[] identity;
    private static final byte[] NO_METADATA = new byte[0];

    /**
     * Rendered on the rule's first alert, not at load: ET Open's rules carry ~300 bytes of metadata
     * each and most never alert (19k renders were ~50 MB of start-up garbage). Any thread may
     * render it; they all render the same bytes. The journal's plain text of it likewise.
     */
    private final List<MetadataOption> metadataOptions;
    private volatile byte[] metadata;
    private volatile String metadataText;
    final Target target;
    final long gid;
    final long sid;
    private final long rev;
    /** The texts an alert journal keeps of the rule (plain, not JSON), made once here, not per alert. */
    private final String msg;
    private final String classtype;
    private final String category;
    private final int severity;

    private EveRuleInfo(List<MetadataOption> metadataOptions, Target target, long gid, long sid, long rev,
            String msg, String classtype, String category, int severity) {
        this.metadataOptions = metadataOptions;
        this.target = target;
        this.gid = gid;
        this.sid = sid;
        this.rev = rev;
        this.msg = msg;
        this.classtype = classtype;
        this.category = category;
        this.severity = severity;
    }

    /** EVE's alert.severity: the rule's priority, else its classtype's, else 3. */
    public int severity() {
        return severity;
    }

    /** The rule's msg, "" when it has none. */
    public String msg() {
        return msg;
    }

    /** The rule's classtype name, "" when it has none. */
    public String classtype() {
        return classtype;
    }

    /** The classtype's description (EVE's category), "" when unknown. */
    public String category() {
        return category;
    }

    /** The rule's metadata as written, {@code "key value, key value"} in rule order ("" for none). */
    public String metadataText() {
        String t = metadataText;
        if (t == null) {
            metadataText = t = metadataText(entries());
        }
        return t;
    }

    public long gid() {
        return gid;
    }

    public long sid() {
        return sid;
    }

    public long rev() {
        return rev;
    }

    /** The target as the EVE line reads it ({@link EveAlertSource#ruleTarget()}; the alert journal keeps these numbers). */
    public int eveTarget() {
        return switch (target) {
            case NONE -> EveAlertSource.TARGET_NONE;
            case SRC_IS_TARGET -> EveAlertSource.TARGET_SRC;
            case DEST_IS_TARGET -> EveAlertSource.TARGET_DEST;
        };
    }

    /**
     * The alert identity's JSON members as every alert of the rule writes them
     * ({@code "gid":..,"signature_id":..,"rev":..,"signature":..,"category":..,"severity":N}): the
     * array itself, which callers must not change (the alert journal keeps it once per cycle file).
     */
    public byte[] identityJson() {
        byte[] id = identity;
        if (id == null) {
            JsonBuffer b = new JsonBuffer(128);
            b.key("gid").unsigned(gid).raw(',');
            b.key("signature_id").unsigned(sid).raw(',');
            b.key("rev").unsigned(rev).raw(',');
            b.key("signature").string(msg).raw(',');
            b.key("category").string(category).raw(',');
            b.key("severity").number(severity);
            identity = id = Arrays.copyOf(b.array(), b.length());
        }
        return id;
    }

    /**
     * @param msg      the rule's {@code msg} with rule-text escapes already resolved; null logs ""
     * @param category the classtype's description (classification.config), or null/"" for none
     * @param severity the rule's {@code priority} if set, else its classtype's, else 3
     * @param metadata key/value pairs in rule order (several {@code metadata} options concatenated)
     */
    public static EveRuleInfo of(long gid, long sid, long rev, String msg, String category, int severity,
            Target target, List<MetadataOption.Entry> metadata) {
        return of(gid, sid, rev, msg, "", category, severity, target, metadata);
    }

    /** As above, with the rule's classtype name ({@code classtype}, "" for none) for {@link #classtype()}. */
    public static EveRuleInfo of(long gid, long sid, long rev, String msg, String classtype, String category,
            int severity, Target target, List<MetadataOption.Entry> metadata) {
        return ofOptions(gid, sid, rev, msg, classtype, category, severity, target,
                metadata == null || metadata.isEmpty() ? null : List.of(new MetadataOption(metadata)));
    }

    /** @param options the rule's metadata options in rule order, null for none (split only when first rendered) */
    private static EveRuleInfo ofOptions(long gid, long sid, long rev, String msg, String classtype, String category,
            int severity, Target target, List<MetadataOption> options) {
        return new EveRuleInfo(options, target == null ? Target.NONE : target, gid, sid, rev,
                msg == null ? "" : msg, classtype == null ? "" : classtype, category == null ? "" : category,
                severity);
    }

    /**
     * {@code ,"metadata":{...}} or null when the rule has nothing to log: the array itself, which
     * callers must not change.
     */
    public byte[] metadata() {
        byte[] m = metadata;
        if (m == null) {
            m = renderMetadata(entries());
            metadata = m = m == null ? NO_METADATA : m;
        }
        return m.length == 0 ? null : m;
    }

    /** {@code "key value, key value"}: every entry in rule order, as the alert journal keeps it. */
    static String metadataText(List<MetadataOption.Entry> entries) {
        if (entries == null || entries.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        for (MetadataOption.Entry en : entries) {
            if (md.length() > 0) {
                md.append(", ");
            }
            md.append(en.key()).append(' ').append(en.value());
        }
        return md.toString();
    }

    /** From a parsed rule; {@code classifications} may be null (then category is "" and classtype gives no priority). */
    public static EveRuleInfo of(Rule rule, ClassificationConfig classifications) {
        String category = "";
        int severity = DEFAULT_SEVERITY;
        ClasstypeOption ct = rule.option(ClasstypeOption.class);
        if (ct != null && classifications != null) {
            ClassificationConfig.ClassType type = classifications.get(ct.name());
            if (type != null) {
                category = type.description();
                severity = type.priority();
            }
        }
        PriorityOption prio = rule.option(PriorityOption.class);
        if (prio != null) {
            severity = prio.priority();
        }
        TargetOption t = rule.option(TargetOption.class);
        Target target = t == null ? Target.NONE : t.destination() ? Target.DEST_IS_TARGET : Target.SRC_IS_TARGET;
        List<MetadataOption> metadata = rule.optionsOf(MetadataOption.class);
        return ofOptions(rule.gid(), rule.sid(), rule.rev(), rule.msg(), ct == null ? "" : ct.name(), category, severity,
                target, metadata.isEmpty() ? null : metadata.size() == 1 ? List.of(metadata.get(0)) : metadata);
    }

    /** The metadata entries in rule order (several {@code metadata} options concatenated); null for none. */
    private List<MetadataOption.Entry> entries() {
        if (metadataOptions == null) {
            return null;
        }
        if (metadataOptions.size() == 1) {
            return metadataOptions.get(0).entries();
        }
        List<MetadataOption.Entry> entries = new ArrayList<>();
        for (MetadataOption m : metadataOptions) {
            entries.addAll(m.entries());
        }
        return entries;
    }

    /** As strcasecmp: ASCII letters lowercased, everything else by code unit. */
    static int compareAsciiIgnoreCase(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int ca = lower(a.charAt(i));
            int cb = lower(b.charAt(i));
            if (ca != cb) {
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    private static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** {@code ,"metadata":{...}} or null when there is nothing to log. */
    static byte[] renderMetadata(List<MetadataOption.Entry> entries) {
        if (entries == null || entries.isEmpty()) {
            return null;
        }
        // Walk the entries newest first: the first spelling inserted into the TreeMap is kept.
        Map<String, List<String>> byKey = new TreeMap<>(EveRuleInfo::compareAsciiIgnoreCase);
        for (int i = entries.size() - 1; i >= 0; i--) {
            MetadataOption.Entry e = entries.get(i);
            if (e.value() == null || e.value().isEmpty()) {
                continue;
            }
            byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.value());
        }
        if (byKey.isEmpty()) {
            return null;
        }
        JsonBuffer b = new JsonBuffer(128);
        b.raw(',').key("metadata").raw('{');
        boolean firstKey = true;
        for (Map.Entry<String, List<String>> e : byKey.entrySet()) {
            if (!firstKey) {
                b.raw(',');
            }
            firstKey = false;
            b.string(e.getKey()).raw(':').raw('[');
            for (int i = 0; i < e.getValue().size(); i++) {
                if (i > 0) {
                    b.raw(',');
                }
                b.string(e.getValue().get(i));
            }
            b.raw(']');
        }
        b.raw('}');
        return Arrays.copyOf(b.array(), b.length());
    }
}
