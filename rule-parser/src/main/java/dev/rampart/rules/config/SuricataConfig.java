package dev.rampart.rules.config;

import dev.rampart.rules.RuleEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A Suricata {@code suricata.yaml}, loaded the way Suricata's own loader builds its configuration
 * tree: every scalar stays a string (no YAML 1.1 typing: {@code 010} is not octal, {@code yes} is
 * not a boolean), a key defined again replaces the earlier one, underscores in key names become
 * dashes (except variable names under {@code address-groups} / {@code port-groups}), dotted keys
 * create nested nodes, {@code include: file} at the top and {@code key: !include file} pull in
 * other files relative to the including file. Nothing is dropped: keys Rampart does not use are
 * kept (and reported as warnings when Suricata would not know them either).
 *
 * <p>The tree holds {@code String}, {@code List<Object>} and {@code Map<String, Object>} values.
 * {@link #set(String)} applies Suricata's {@code --set key=value} overrides.
 */
public final class SuricataConfig {

    /** Thrown for a configuration that cannot be read at all (I/O, YAML syntax, bad include). */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }

    /** Top-level keys of Suricata 7/8's suricata.yaml (and older ones still accepted). */
    static final Set<String> KNOWN_TOP_LEVEL = Set.of(
            "action-order", "af-packet", "af-xdp", "app-layer", "asn1-max-frames", "autofp-scheduler",
            "capture", "classification-file", "coredump", "cuda", "daemon-directory", "datasets",
            "decoder", "default-log-dir", "default-packet-size", "default-reputation-path",
            "default-rule-path", "defrag", "detect", "detect-engine", "dpdk", "engine-analysis",
            "exception-policy", "firewall", "flow", "flow-timeouts", "geoip-database", "heartbeat", "host",
            "host-mode", "host-os-policy", "include", "ipfw", "ippair", "legacy", "livedev", "logging",
            "lua", "luajit", "magic-file", "max-pending-packets", "mpipe", "mpm-algo", "napatech",
            "netmap", "nflog", "nfq", "outputs", "packet-alert-max", "pcap", "pcap-file", "pcre",
            "pfring", "pid-file", "plugins", "profiling", "reference-config-file",
            "reputation-categories-file", "reputation-files", "rule-files", "run-as", "runmode",
            "security", "sensor-name", "spm-algo", "stats", "stream", "suricata-version",
            "threading", "threshold-file", "umask", "unix-command", "vars", "vlan", "windivert",
            "rampart");

    private static final int MAX_INCLUDE_DEPTH = 16;

    private final Map<String, Object> root;
    private final List<String> warnings;
    private final String label;

    private SuricataConfig(String label, Map<String, Object> root, List<String> warnings) {
        this.label = label;
        this.root = root;
        this.warnings = warnings;
    }

    /** An empty configuration (no variables, no files). */
    public static SuricataConfig empty() {
        return new SuricataConfig("<empty>", new LinkedHashMap<>(), new ArrayList<>());
    }

    /**
     * What Rampart uses when no {@code -c} is given: the variables of Suricata 8's default
     * suricata.yaml, and no classification/reference files (so classtypes are not checked).
     */
    public static SuricataConfig defaults() {
        SuricataConfig c = new SuricataConfig("<defaults>", new LinkedHashMap<>(), new ArrayList<>());
        Map<String, Object> vars = c.mapAt(c.root, "vars");
        vars.put("address-groups", new LinkedHashMap<String, Object>(RuleEnvironment.defaultAddressVars()));
        vars.put("port-groups", new LinkedHashMap<String, Object>(RuleEnvironment.defaultPortVars()));
        return c;
    }

    public static SuricataConfig load(Path file) {
        String text = read(file);
        SuricataConfig c = new SuricataConfig(file.toString(), new LinkedHashMap<>(), new ArrayList<>());
        Path dir = file.toAbsolutePath().getParent();
        c.loadInto(c.root, file.toString(), text, dir, 0, true);
        c.checkKnown();
        return c;
    }

    /** Parses YAML text; includes are resolved relative to {@code baseDir} (may be null: none allowed). */
    public static SuricataConfig parse(String label, String text, Path baseDir) {
        SuricataConfig c = new SuricataConfig(label, new LinkedHashMap<>(), new ArrayList<>());
        c.loadInto(c.root, label, text, baseDir, 0, true);
        c.checkKnown();
        return c;
    }

    public static SuricataConfig parse(String label, String text) {
        return parse(label, text, null);
    }

    private static String read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file + ": is a directory, not a configuration file");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ loading

    private void loadInto(Map<String, Object> target, String fileLabel, String text, Path baseDir, int depth,
            boolean topLevel) {
        Node node = compose(fileLabel, text);
        if (node == null) {
            return; // empty document
        }
        if (!(node instanceof MappingNode m)) {
            throw new ConfigException(fileLabel + ": the configuration must be a mapping of keys");
        }
        mergeMapping(target, m, null, fileLabel, baseDir, depth, topLevel);
    }

    private Node compose(String fileLabel, String text) {
        if (!hasVersionDirective(text)) {
            // Suricata refuses such a file; we read it anyway and say so
            warnings.add(fileLabel + ": does not start with '%YAML 1.1' and '---' (Suricata requires both)");
        }
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(64 * 1024 * 1024);
            return new Yaml(options).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new ConfigException(fileLabel + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(fileLabel + ": invalid YAML: " + e.getMessage());
        }
    }

    private void mergeMapping(Map<String, Object> target, MappingNode m, String parentKey, String fileLabel,
            Path baseDir, int depth, boolean topLevel) {
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                warnings.add(where(fileLabel, t.getKeyNode()) + ": non-scalar key ignored");
                continue;
            }
            String key = keyNode.getValue();
            Node valueNode = t.getValueNode();
            if (topLevel && key.equals("include")) {
                for (String inc : includeNames(valueNode, fileLabel)) {
                    Path p = resolveInclude(inc, baseDir, fileLabel, depth);
                    loadInto(target, p.toString(), read(p), p.toAbsolutePath().getParent(), depth + 1, true);
                }
                continue;
            }
            if (key.indexOf('_') >= 0 && !"address-groups".equals(parentKey) && !"port-groups".equals(parentKey)) {
                // Suricata's loader renames such keys (and logs that the spelling is deprecated)
                String mangled = key.replace('_', '-');
                warnings.add(where(fileLabel, keyNode) + ": key '" + key + "' is read as '" + mangled + "'");
                key = mangled;
            }
            Object value = convert(valueNode, key, fileLabel, baseDir, depth);
            if (key.indexOf('.') >= 0) {
                // a dotted key creates the nested nodes, as Suricata does
                putPath(target, splitKey(key), value);
            } else {
                target.put(key, value); // a repeated key replaces the earlier value
            }
        }
    }

    private List<String> includeNames(Node n, String fileLabel) {
        List<String> names = new ArrayList<>();
        if (n instanceof ScalarNode s) {
            names.add(s.getValue());
        } else if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s) {
                    names.add(s.getValue());
                } else {
                    throw new ConfigException(where(fileLabel, item) + ": include expects file names");
                }
            }
        } else {
            throw new ConfigException(where(fileLabel, n) + ": include expects a file name");
        }
        return names;
    }

    private Path resolveInclude(String name, Path baseDir, String fileLabel, int depth) {
        if (depth >= MAX_INCLUDE_DEPTH) {
            throw new ConfigException(fileLabel + ": includes nested too deeply (include loop?)");
        }
        Path p = Path.of(name);
        if (!p.isAbsolute()) {
            if (baseDir == null) {
                throw new ConfigException(fileLabel + ": cannot include relative file " + name + " (no base directory)");
            }
            p = baseDir.resolve(name);
        }
        if (!Files.isRegularFile(p)) {
            throw new ConfigException(fileLabel + ": include file not found: " + p);
        }
        return p;
    }

    private Object convert(Node n, String key, String fileLabel, Path baseDir, int depth) {
        if (n instanceof ScalarNode s) {
            if ("!include".equals(s.getTag().getValue())) {
                // the included file's content becomes this node's value (a mapping or a list)
                Path p = resolveInclude(s.getValue(), baseDir, fileLabel, depth);
                Node inc = compose(p.toString(), read(p));
                return inc == null ? "" : convert(inc, key, p.toString(), p.toAbsolutePath().getParent(), depth + 1);
            }
            return s.getValue();
        } else if (n instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            for (Node item : seq.getValue()) {
                list.add(convert(item, key, fileLabel, baseDir, depth));
            }
            return list;
        } else {
            Map<String, Object> map = new LinkedHashMap<>();
            mergeMapping(map, (MappingNode) n, key, fileLabel, baseDir, depth, false);
            return map;
        }
    }

    private static String where(String fileLabel, Node n) {
        return fileLabel + ":" + (n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1);
    }

    /** Whether the first non-comment line is a {@code %YAML 1.1} directive. */
    static boolean hasVersionDirective(String text) {
        int i = 0;
        if (text.startsWith("\uFEFF")) {
            i = 1;
        }
        while (i < text.length()) {
            int end = text.indexOf('\n', i);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(i, end).trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
                return line.startsWith("%YAML 1.1");
            }
            i = end + 1;
        }
        return false;
    }

    private void checkKnown() {
        for (String k : root.keySet()) {
            if (!KNOWN_TOP_LEVEL.contains(k)) {
                warnings.add(label + ": unknown key '" + k + "' (kept)");
            }
        }
        if (root.get("vars") instanceof Map<?, ?> vars) {
            for (Object k : vars.keySet()) {
                if (!"address-groups".equals(k) && !"port-groups".equals(k)) {
                    warnings.add(label + ": unknown key 'vars." + k + "' (kept)");
                }
            }
        }
    }

    // ------------------------------------------------------------------ --set

    /**
     * Applies a Suricata {@code --set key=value} override: dotted keys name nested nodes (numbers
     * index into lists), the value is a string; missing nodes are created.
     *
     * @throws IllegalArgumentException when the argument is not {@code key=value}
     */
    public SuricataConfig set(String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set expects key=value, got \"" + keyValue + "\"");
        }
        String key = keyValue.substring(0, eq).trim();
        String value = keyValue.substring(eq + 1).trim();
        if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw new IllegalArgumentException("--set: invalid key \"" + key + "\"");
        }
        List<String> path = splitKey(key);
        if (!KNOWN_TOP_LEVEL.contains(path.get(0))) {
            // Suricata accepts any key; one no section of the configuration has is most likely a typo
            warnings.add("--set " + key + ": unknown key '" + path.get(0) + "' (kept)");
        }
        putPath(root, path, value);
        return this;
    }

    /** Applies several {@code --set} overrides in order. */
    public SuricataConfig setAll(List<String> keyValues) {
        for (String kv : keyValues) {
            set(kv);
        }
        return this;
    }

    private static List<String> splitKey(String key) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == '.') {
                parts.add(key.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static void putPath(Map<String, Object> top, List<String> path, Object value) {
        Object node = top;
        for (int i = 0; i < path.size(); i++) {
            String part = path.get(i);
            boolean last = i == path.size() - 1;
            if (node instanceof Map<?, ?> m) {
                Map<String, Object> map = (Map<String, Object>) m;
                if (last) {
                    map.put(part, value);
                    return;
                }
                Object child = map.get(part);
                if (!(child instanceof Map) && !(child instanceof List)) {
                    child = new LinkedHashMap<String, Object>();
                    map.put(part, child);
                }
                node = child;
            } else {
                List<Object> list = (List<Object>) node;
                int idx = index(part);
                if (idx < 0) {
                    // a name under a list: Suricata would add a child node with that name; we keep
                    // a list of maps, so the name goes into a new map item
                    Map<String, Object> item = new LinkedHashMap<>();
                    list.add(item);
                    node = item;
                    i--;
                    continue;
                }
                while (list.size() <= idx) {
                    list.add(last ? "" : new LinkedHashMap<String, Object>());
                }
                if (last) {
                    list.set(idx, value);
                    return;
                }
                Object child = list.get(idx);
                if (!(child instanceof Map) && !(child instanceof List)) {
                    child = new LinkedHashMap<String, Object>();
                    list.set(idx, child);
                }
                node = child;
            }
        }
    }

    private static int index(String s) {
        if (s.isEmpty() || s.length() > 6) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mapAt(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    // ------------------------------------------------------------------ access

    /** The node at a dotted key ({@code vars.address-groups.HOME_NET}, {@code rule-files.0}), or null. */
    public Object get(String dottedKey) {
        Object node = root;
        for (String part : splitKey(dottedKey)) {
            if (node instanceof Map<?, ?> m) {
                node = m.get(part);
            } else if (node instanceof List<?> l) {
                int idx = index(part);
                node = idx >= 0 && idx < l.size() ? l.get(idx) : null;
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** A scalar value, or null when absent or not a scalar. */
    public String getString(String dottedKey) {
        return get(dottedKey) instanceof String s ? s : null;
    }

    /** Suricata's boolean reading of a scalar: yes/true/on/1 (case-insensitive). */
    public boolean getBool(String dottedKey, boolean dflt) {
        String s = getString(dottedKey);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        return isTrue(s);
    }

    /** Suricata's boolean reading of one value: yes/true/on/1 (case-insensitive). */
    public static boolean isTrue(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals("yes") || v.equals("true") || v.equals("on") || v.equals("1");
    }

    /** The whole tree (read-only view). */
    public Map<String, Object> root() {
        return Collections.unmodifiableMap(root);
    }

    /** Things Suricata would accept but that deserve a note: unknown keys, renamed keys, missing header. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public Map<String, String> addressGroups() {
        return scalarMap("vars.address-groups");
    }

    public Map<String, String> portGroups() {
        return scalarMap("vars.port-groups");
    }

    private Map<String, String> scalarMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (get(key) instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof String s) {
                    out.put(String.valueOf(e.getKey()), s);
                }
            }
        }
        return out;
    }

    public String classificationFile() {
        return getString("classification-file");
    }

    public String referenceConfigFile() {
        return getString("reference-config-file");
    }

    public String thresholdFile() {
        return getString("threshold-file");
    }

    public String defaultRulePath() {
        return getString("default-rule-path");
    }

    /** {@code rule-files} entries as written. */
    public List<String> ruleFiles() {
        List<String> out = new ArrayList<>();
        Object v = get("rule-files");
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String s && !s.isEmpty()) {
                    out.add(s);
                }
            }
        } else if (v instanceof String s && !s.isEmpty()) {
            out.add(s);
        }
        return out;
    }

    /** Rule files resolved as Suricata does: relative names below {@code default-rule-path} when set. */
    public List<Path> ruleFilePaths() {
        String base = defaultRulePath();
        List<Path> out = new ArrayList<>();
        for (String f : ruleFiles()) {
            Path p = Path.of(f);
            out.add(p.isAbsolute() || base == null || base.isEmpty() ? p : Path.of(base).resolve(p));
        }
        return out;
    }

    /**
     * The rule environment: the variables of {@code vars} (only those; a rule using an undefined
     * variable fails as in Suricata) and the classification and reference tables when their files
     * are configured and exist. A configured file that does not exist is a warning and turns the
     * check off rather than failing every classtype (Suricata logs an error there).
     */
    public RuleEnvironment toEnvironment() {
        ClassificationConfig classification = null;
        ReferenceConfig references = null;
        String cf = classificationFile();
        if (cf != null && !cf.isEmpty()) {
            Path p = Path.of(cf);
            if (Files.isRegularFile(p)) {
                classification = loadTable(() -> ClassificationConfig.load(p));
                classification.errors().forEach(this::warnOnce);
            } else {
                warnOnce("classification file " + cf + " not found; classtypes are not checked");
            }
        }
        String rf = referenceConfigFile();
        if (rf != null && !rf.isEmpty()) {
            Path p = Path.of(rf);
            if (Files.isRegularFile(p)) {
                references = loadTable(() -> ReferenceConfig.load(p));
                references.errors().forEach(this::warnOnce);
            } else {
                warnOnce("reference config file " + rf + " not found; reference systems are not checked");
            }
        }
        return new RuleEnvironment(addressGroups(), portGroups(), classification, references);
    }

    /** Adds a warning unless it is there already ({@link #toEnvironment()} may be called again). */
    private void warnOnce(String w) {
        if (!warnings.contains(w)) {
            warnings.add(w);
        }
    }

    private static <T> T loadTable(java.util.function.Supplier<T> loader) {
        try {
            return loader.get();
        } catch (UncheckedIOException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
