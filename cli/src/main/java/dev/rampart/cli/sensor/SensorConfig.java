package dev.rampart.cli.sensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The sensor's configuration ({@code rampart.yaml}). Every key is known: an unknown key or a bad
 * value is an {@link Invalid} naming the dotted key, so a typo never silently falls back to a
 * default. Defaults suit a small host: one worker, 64 Ki ring slots, Suricata's memcaps.
 */
public final class SensorConfig {
    /** A configuration problem; the message names the file and the key. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    public List<String> interfaces = new ArrayList<>();
    public String bpf;
    public int workers = 1;
    /** CPUs the workers are pinned to, worker i on cpus[i]. */
    public List<Integer> cpus = new ArrayList<>();
    /** The CPU the capture thread is pinned to while it captures; -1: not pinned. */
    public int captureCpu = -1;
    public int ringSize = 65536;
    public String checksums = "none";
    public int snaplen = 262_144;
    public boolean promiscuous = true;
    /** libpcap kernel buffer in bytes. */
    public long captureBuffer = 32L * 1024 * 1024;
    /**
     * libpcap immediate mode: packets are handed over at once instead of when a kernel block fills
     * or its read timeout (100 ms) passes. Off by default: with TPACKET_V3 every block is then
     * retired after about 1 ms, so the buffer holds only (blocks x 1 ms) of traffic at low rates
     * and a short stall of the capture thread (a GC pause, a reload's compile) drops packets.
     */
    public boolean immediate;

    public List<Path> ruleSources = new ArrayList<>();
    /**
     * SecLang (ModSecurity) configuration run on HTTP transactions, e.g. OWASP CRS: files or
     * directories of *.conf, loaded in order (a setup file before CRS's rules/); empty: none.
     */
    public List<Path> secLang = new ArrayList<>();
    /**
     * Rule management's disable.conf (one selector a line, as {@code rampart rules --disable-conf}):
     * read on every load, so a rule the console turns off stops at the next reload. A missing file
     * disables nothing.
     */
    public Path disableConf;
    public String profile;
    public boolean initErrorsFatal = true;
    public String mpmCacheDir;

    /** Suricata-style address and port groups ({@code HOME_NET}, {@code HTTP_PORTS} ...). */
    public Map<String, String> addressGroups = new LinkedHashMap<>();
    public Map<String, String> portGroups = new LinkedHashMap<>();

    public long flowMemcap = 128L * 1024 * 1024;
    public long streamMemcap = 64L * 1024 * 1024;

    public Path journal;
    public Duration journalMaxAge;
    public long journalMaxBytes;
    /** A background thread faults in the journal's pages ahead of the writer (JournalConfig.pretouch). */
    public boolean journalPretouch = true;
    public Path eve;

    /**
     * The console's masks file ({@code STATE/masks}): alerts it matches are journaled flagged
     * masked and not scored; read at start and on every reload. A missing file masks nothing.
     */
    public Path masks;

    /**
     * The console's host settings ({@code STATE/settings.json}): this sensor applies the "local"
     * host's analysis switch and process selection; read at start and on every reload. A missing
     * file: all traffic analysed.
     */
    public Path settings;

    /** The control API port the console asks by default (its {@code --control-port}). */
    public static final int DEFAULT_CONTROL_PORT = 9411;

    /** 0: an ephemeral port (printed at start); -1: off. */
    public int controlPort = DEFAULT_CONTROL_PORT;
    public int prometheusPort = -1;

    public Duration statsInterval = Duration.ofSeconds(10);
    public Path statsFile = Path.of("stats.json");

    /** A suricata.yaml whose engine settings (stream, libhtp, threshold-file ...) apply; null: defaults. */
    public Path suricataConfig;

    private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("", Set.of("interfaces", "bpf", "workers", "cpus", "capture-cpu", "ring-size", "checksums", "snaplen",
                    "promiscuous", "capture-buffer", "immediate", "rules", "vars", "memcaps", "journal", "eve", "control",
                    "prometheus", "stats", "suricata-config", "masks", "settings")),
            Map.entry("rules", Set.of("sources", "disable-conf", "profile", "init-errors-fatal", "mpm-cache-dir", "seclang")),
            Map.entry("vars", Set.of("address-groups", "port-groups")),
            Map.entry("memcaps", Set.of("flow", "stream")),
            Map.entry("journal", Set.of("path", "max-age", "max-bytes", "pretouch")),
            Map.entry("eve", Set.of("path")),
            Map.entry("control", Set.of("port")),
            Map.entry("prometheus", Set.of("port")),
            Map.entry("stats", Set.of("interval", "file")));

    /** Reads and validates a file; relative paths in it are resolved against its directory. */
    public static SensorConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new Invalid(file + ": cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, base);
    }

    /** Parses and validates YAML text; {@code label} prefixes every message. */
    public static SensorConfig parse(String label, String text, Path baseDir) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new Invalid(label + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        SensorConfig c = new SensorConfig();
        if (doc == null) {
            return c;
        }
        new Reader(label, baseDir).read(c, map(label, "", doc));
        return c;
    }

    private static Map<?, ?> map(String label, String key, Object v) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new Invalid(label + ": " + (key.isEmpty() ? "the document" : key) + ": expected a mapping, got "
                + describe(v));
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : v instanceof Map ? "a mapping" : v instanceof List ? "a list" : "'" + v + "'";
    }

    /** Reads the YAML tree into a config, checking each key against {@link #KEYS}. */
    private static final class Reader {
        private final String label;
        private final Path base;

        Reader(String label, Path base) {
            this.label = label;
            this.base = base;
        }

        private Invalid bad(String key, String expected, Object got) {
            return new Invalid(label + ": " + key + ": expected " + expected + ", got " + describe(got));
        }

        private void checkKeys(String section, Map<?, ?> m) {
            Set<String> known = KEYS.get(section);
            for (Object k : m.keySet()) {
                String name = String.valueOf(k);
                if (!known.contains(name)) {
                    String full = section.isEmpty() ? name : section + "." + name;
                    throw new Invalid(label + ": unknown key '" + full + "' (known" + (section.isEmpty() ? "" : " in "
                            + section) + ": " + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            }
        }

        private Map<?, ?> section(Map<?, ?> root, String name) {
            Object v = root.get(name);
            if (v == null) {
                return Map.of();
            }
            Map<?, ?> m = map(label, name, v);
            checkKeys(name, m);
            return m;
        }

        void read(SensorConfig c, Map<?, ?> root) {
            checkKeys("", root);
            if (root.containsKey("interfaces")) {
                c.interfaces = strings("interfaces", root.get("interfaces"));
            }
            c.bpf = string("bpf", root.get("bpf"), c.bpf);
            c.workers = integer("workers", root.get("workers"), c.workers, 1, 1024);
            if (root.containsKey("cpus")) {
                c.cpus = cpus("cpus", root.get("cpus"));
            }
            if (root.get("capture-cpu") != null) {
                c.captureCpu = cpu("capture-cpu", root.get("capture-cpu"));
            }
            c.ringSize = integer("ring-size", root.get("ring-size"), c.ringSize, 64, 1 << 24);
            if (Integer.bitCount(c.ringSize) != 1) {
                throw bad("ring-size", "a power of two", c.ringSize);
            }
            c.checksums = string("checksums", root.get("checksums"), c.checksums);
            if (!c.checksums.equals("none") && !c.checksums.equals("all")) {
                throw bad("checksums", "none or all", c.checksums);
            }
            c.snaplen = integer("snaplen", root.get("snaplen"), c.snaplen, 64, 262_144);
            c.promiscuous = bool("promiscuous", root.get("promiscuous"), c.promiscuous);
            c.captureBuffer = size("capture-buffer", root.get("capture-buffer"), c.captureBuffer);
            c.immediate = bool("immediate", root.get("immediate"), c.immediate);
            c.suricataConfig = path("suricata-config", root.get("suricata-config"), c.suricataConfig);

            Map<?, ?> rules = section(root, "rules");
            if (rules.containsKey("sources")) {
                c.ruleSources = new ArrayList<>();
                for (String s : strings("rules.sources", rules.get("sources"))) {
                    c.ruleSources.add(resolve(s));
                }
            }
            if (rules.containsKey("seclang")) {
                c.secLang = new ArrayList<>();
                for (String s : strings("rules.seclang", rules.get("seclang"))) {
                    c.secLang.add(resolve(s));
                }
            }
            c.disableConf = path("rules.disable-conf", rules.get("disable-conf"), c.disableConf);
            c.profile = string("rules.profile", rules.get("profile"), c.profile);
            c.initErrorsFatal = bool("rules.init-errors-fatal", rules.get("init-errors-fatal"), c.initErrorsFatal);
            c.mpmCacheDir = string("rules.mpm-cache-dir", rules.get("mpm-cache-dir"), c.mpmCacheDir);

            Map<?, ?> vars = section(root, "vars");
            c.addressGroups.putAll(groups("vars.address-groups", vars.get("address-groups")));
            c.portGroups.putAll(groups("vars.port-groups", vars.get("port-groups")));

            Map<?, ?> memcaps = section(root, "memcaps");
            c.flowMemcap = size("memcaps.flow", memcaps.get("flow"), c.flowMemcap);
            c.streamMemcap = size("memcaps.stream", memcaps.get("stream"), c.streamMemcap);

            Map<?, ?> journal = section(root, "journal");
            c.journal = path("journal.path", journal.get("path"), c.journal);
            c.journalMaxAge = duration("journal.max-age", journal.get("max-age"), c.journalMaxAge);
            c.journalMaxBytes = size("journal.max-bytes", journal.get("max-bytes"), c.journalMaxBytes);
            c.journalPretouch = bool("journal.pretouch", journal.get("pretouch"), c.journalPretouch);

            c.eve = path("eve.path", section(root, "eve").get("path"), c.eve);
            c.masks = path("masks", root.get("masks"), c.masks);
            c.settings = path("settings", root.get("settings"), c.settings);
            c.controlPort = port("control.port", section(root, "control").get("port"), c.controlPort);
            c.prometheusPort = port("prometheus.port", section(root, "prometheus").get("port"), c.prometheusPort);

            Map<?, ?> stats = section(root, "stats");
            c.statsInterval = duration("stats.interval", stats.get("interval"), c.statsInterval);
            c.statsFile = path("stats.file", stats.get("file"), c.statsFile);
        }

        private Path resolve(String s) {
            Path p = Path.of(s);
            return p.isAbsolute() || base == null ? p : base.resolve(p);
        }

        private Path path(String key, Object v, Path dflt) {
            if (v == null) {
                return dflt;
            }
            if (!(v instanceof String s) || s.isBlank()) {
                throw bad(key, "a path", v);
            }
            return resolve(s);
        }

        private String string(String key, Object v, String dflt) {
            if (v == null) {
                return dflt;
            }
            if (v instanceof Map || v instanceof List) {
                throw bad(key, "a string", v);
            }
            return v.toString();
        }

        private List<String> strings(String key, Object v) {
            List<String> out = new ArrayList<>();
            if (v instanceof String s) {
                out.add(s);
            } else if (v instanceof List<?> l) {
                for (Object o : l) {
                    if (!(o instanceof String s) || s.isBlank()) {
                        throw bad(key, "a list of names", o);
                    }
                    out.add(s);
                }
            } else {
                throw bad(key, "a list of names", v);
            }
            return out;
        }

        private List<Integer> cpus(String key, Object v) {
            if (!(v instanceof List<?> l)) {
                throw bad(key, "a list of CPU numbers", v);
            }
            List<Integer> out = new ArrayList<>();
            for (Object o : l) {
                out.add(cpu(key, o));
            }
            return out;
        }

        /** A CPU number of this machine. */
        private int cpu(String key, Object v) {
            int n = Runtime.getRuntime().availableProcessors();
            if (!(v instanceof Integer i) || i < 0 || i >= n) {
                throw bad(key, "CPU numbers from 0 to " + (n - 1), v);
            }
            return i;
        }

        private int integer(String key, Object v, int dflt, int min, int max) {
            if (v == null) {
                return dflt;
            }
            if (!(v instanceof Integer i) || i < min || i > max) {
                throw bad(key, "an integer from " + min + " to " + max, v);
            }
            return i;
        }

        private int port(String key, Object v, int dflt) {
            if (v == null) {
                return dflt;
            }
            if (v instanceof String s && s.equals("off") || Boolean.FALSE.equals(v)) {
                return -1;
            }
            if (!(v instanceof Integer i) || i < 0 || i > 65535) {
                throw bad(key, "a port from 0 to 65535 (0: any free port) or off", v);
            }
            return i;
        }

        private boolean bool(String key, Object v, boolean dflt) {
            if (v == null) {
                return dflt;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw bad(key, "yes or no", v);
        }

        private Map<String, String> groups(String key, Object v) {
            if (v == null) {
                return Map.of();
            }
            Map<?, ?> m = map(label, key, v);
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new Invalid(label + ": " + key + ": '" + name + "' is not a variable name");
                }
                Object val = e.getValue();
                if (val == null || val instanceof Map || val instanceof List) {
                    throw bad(key + "." + name, "an address or port string such as \"[10.0.0.0/8]\"", val);
                }
                out.put(name, val.toString());
            }
            return out;
        }

        private long size(String key, Object v, long dflt) {
            if (v == null) {
                return dflt;
            }
            long n = parseSize(v.toString());
            if (n < 0 || v instanceof Map || v instanceof List) {
                throw bad(key, "a size such as 64mb, 1gb or 65536", v);
            }
            return n;
        }

        private Duration duration(String key, Object v, Duration dflt) {
            if (v == null) {
                return dflt;
            }
            Duration d = parseDuration(v.toString());
            if (d == null || v instanceof Map || v instanceof List) {
                throw bad(key, "a duration such as 500ms, 10s, 5m, 12h or 7d", v);
            }
            return d;
        }
    }

    /** Bytes from {@code 123}, {@code 64kb}, {@code 64mb}, {@code 1gb} (1024-based, as Suricata); -1 when malformed. */
    static long parseSize(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        for (String[] u : new String[][] {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"},
            {"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"b", "1"}}) {
            if (t.endsWith(u[0])) {
                mult = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        if (t.isEmpty() || !t.chars().allMatch(Character::isDigit) || t.length() > 15) {
            return -1;
        }
        return Long.parseLong(t) * mult;
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 12h}, {@code 7d}, or plain seconds; null when malformed. */
    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        String[] units = {"ms", "s", "m", "h", "d"};
        String unit = "s";
        for (String u : units) {
            if (t.endsWith(u) && t.length() > u.length()) {
                unit = u;
                t = t.substring(0, t.length() - u.length()).trim();
                break;
            }
        }
        if (t.isEmpty() || !t.chars().allMatch(Character::isDigit) || t.length() > 12) {
            return null;
        }
        long n = Long.parseLong(t);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** Checks what only a complete configuration can tell (after command-line overrides). */
    public void validate(String label) {
        if (interfaces.isEmpty()) {
            throw new Invalid(label + ": interfaces: none given (set interfaces, or -i IFACE)");
        }
        if (ruleSources.isEmpty()) {
            throw new Invalid(label + ": rules.sources: none given (rule files or directories)");
        }
        if (!cpus.isEmpty() && cpus.size() < workers) {
            throw new Invalid(label + ": cpus: " + cpus.size() + " CPUs listed for " + workers + " workers");
        }
        for (Path p : ruleSources) {
            if (!Files.exists(p)) {
                throw new Invalid(label + ": rules.sources: " + p + ": no such file or directory");
            }
        }
        if (profile != null && dev.rampart.rules.manage.Profiles.builtIn(profile) == null) {
            throw new Invalid(label + ": rules.profile: unknown profile '" + profile + "' (known: "
                    + String.join(", ", dev.rampart.rules.manage.Profiles.builtIns().stream()
                            .map(dev.rampart.rules.manage.Profile::name).toList()) + ")");
        }
    }
}
