package dev.rampart.rules.manage;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Built-in profiles and user profiles from YAML.
 *
 * <p>The built-ins use the metadata Emerging Threats puts on its rules ({@code signature_severity}
 * Informational/Minor/Major/Critical, {@code performance_impact} Low/Moderate/Significant,
 * {@code confidence} Low/Medium/High) and its category files:
 * <ul>
 *   <li>{@code full} — every enabled rule.</li>
 *   <li>{@code balanced} — full, less the rules ET marks {@code performance_impact Significant}
 *       (the costly ones) and the {@code deleted}/{@code retired} categories (kept by ET for
 *       history, rarely worth their CPU).</li>
 *   <li>{@code minimal} — only {@code signature_severity} Major or Critical, and none of:
 *       {@code performance_impact Significant}, {@code confidence Low}, the hunting, info,
 *       deleted and retired categories. For small sensors: high-value alerts only.</li>
 * </ul>
 *
 * <p>A profile file:
 * <pre>
 * profiles:
 *   dmz:
 *     description: web servers facing the internet
 *     base: balanced                 # optional: a built-in or another profile of the file
 *     direction: inbound             # optional: inbound | outbound | any
 *     include:                       # optional: keep only rules matching one of these
 *       - group:emerging-web_server.rules
 *       - "metadata: signature_severity Critical"
 *     exclude:                       # optional: drop rules matching any of these
 *       - group:*deleted*
 *     always:                        # optional: keep these (if enabled) whatever else says
 *       - 2019401
 * </pre>
 * Every filter is a selector as in disable.conf ({@link RuleMatcher}).
 */
public final class Profiles {
    private Profiles() {
    }

    private static final String BUILTIN = "built-in profile ";

    public static final Profile FULL = new Profile("full", "every enabled rule", null,
            TrafficDirection.Filter.ANY, List.of(), List.of(), List.of());

    public static final Profile BALANCED = new Profile("balanced",
            "enabled rules less performance_impact Significant and the deleted/retired categories", null,
            TrafficDirection.Filter.ANY, List.of(), List.of(),
            entries("balanced", "metadata: performance_impact Significant", "group:*deleted*", "group:*retired*"));

    public static final Profile MINIMAL = new Profile("minimal",
            "severity Major/Critical only; no performance_impact Significant, confidence Low, "
                    + "hunting, info, deleted or retired rules", null,
            TrafficDirection.Filter.ANY, List.of(),
            entries("minimal", "metadata: signature_severity Critical", "metadata: signature_severity Major"),
            entries("minimal", "metadata: performance_impact Significant", "metadata: confidence Low",
                    "group:*hunting*", "group:*info*", "group:*deleted*", "group:*retired*"));

    /** The built-ins, smallest first. */
    public static List<Profile> builtIns() {
        return List.of(MINIMAL, BALANCED, FULL);
    }

    private static List<FilterEntry> entries(String profile, String... selectors) {
        List<FilterEntry> out = new ArrayList<>();
        for (String s : selectors) {
            out.add(new FilterEntry(RuleMatcher.parse(s), BUILTIN + profile));
        }
        return out;
    }

    /** A built-in by name, or null. */
    /**
     * Different profiles for the two directions (the console's "rules for incoming and outgoing
     * traffic"): inbound rules ($EXTERNAL_NET -> $HOME_NET) as {@code inbound} keeps them,
     * outbound ones as {@code outbound} does, and a rule of either direction (any -> any) when one
     * of them keeps it. The same profile both ways is that profile.
     */
    public static Profile byDirection(Profile inbound, Profile outbound) {
        if (inbound.equals(outbound)) {
            return inbound;
        }
        return new Profile(inbound.name() + " inbound, " + outbound.name() + " outbound",
                "profile " + inbound.name() + " for inbound rules, " + outbound.name() + " for outbound rules", null,
                TrafficDirection.Filter.ANY, List.of(), List.of(), List.of(),
                List.of(inbound.withDirection(TrafficDirection.Filter.INBOUND),
                        outbound.withDirection(TrafficDirection.Filter.OUTBOUND)));
    }

    public static Profile builtIn(String name) {
        for (Profile p : builtIns()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * A profile by name: user profiles first, then built-ins.
     *
     * @throws IllegalArgumentException naming the known profiles when there is none of that name
     */
    public static Profile resolve(String name, Map<String, Profile> userProfiles) {
        Profile p = userProfiles.get(name);
        if (p == null) {
            p = builtIn(name);
        }
        if (p == null) {
            List<String> known = new ArrayList<>(userProfiles.keySet());
            builtIns().forEach(b -> known.add(b.name()));
            throw new IllegalArgumentException("unknown profile \"" + name + "\" (known: " + String.join(", ", known)
                    + ")");
        }
        return p;
    }

    public static Map<String, Profile> load(Path file) throws IOException, RuleConfigException {
        return parseYaml(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses a profile file; every problem is reported as {@code label:line: reason}. */
    public static Map<String, Profile> parseYaml(String label, String text) throws RuleConfigException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new RuleConfigException(label, line, "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new RuleConfigException(label, 1, "invalid YAML: " + e.getMessage());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Raw> raws = new LinkedHashMap<>();
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof MappingNode top)) {
            throw new RuleConfigException(label, line(root), "expected a mapping with a 'profiles' key");
        }
        for (NodeTuple t : top.getValue()) {
            String key = scalar(t.getKeyNode());
            if (!"profiles".equals(key)) {
                problems.add(new ConfigProblem(label, line(t.getKeyNode()), "unknown key \"" + key
                        + "\" (expected 'profiles')"));
                continue;
            }
            if (!(t.getValueNode() instanceof MappingNode profiles)) {
                problems.add(new ConfigProblem(label, line(t.getValueNode()), "'profiles' must be a mapping of names"));
                continue;
            }
            for (NodeTuple pt : profiles.getValue()) {
                String name = scalar(pt.getKeyNode());
                int at = line(pt.getKeyNode());
                if (name == null || name.isBlank()) {
                    problems.add(new ConfigProblem(label, at, "profile name must be a string"));
                } else if (builtIn(name) != null) {
                    problems.add(new ConfigProblem(label, at, "profile \"" + name + "\" is built in; choose another name"));
                } else if (raws.containsKey(name)) {
                    problems.add(new ConfigProblem(label, at, "profile \"" + name + "\" is defined twice"));
                } else {
                    Raw r = parseProfile(label, name, at, pt.getValueNode(), problems);
                    if (r != null) {
                        raws.put(name, r);
                    }
                }
            }
        }
        Map<String, Profile> out = new LinkedHashMap<>();
        for (String name : raws.keySet()) {
            build(label, name, raws, out, new HashSet<>(), problems);
        }
        if (!problems.isEmpty()) {
            throw new RuleConfigException(problems);
        }
        return out;
    }

    private record Raw(String name, int line, String description, String base, int baseLine,
            TrafficDirection.Filter direction, List<FilterEntry> always, List<FilterEntry> include,
            List<FilterEntry> exclude) {
    }

    private static Raw parseProfile(String label, String name, int at, Node node, List<ConfigProblem> problems) {
        if (!(node instanceof MappingNode m)) {
            problems.add(new ConfigProblem(label, line(node), "profile \"" + name + "\" must be a mapping"));
            return null;
        }
        String description = "";
        String base = null;
        int baseLine = at;
        TrafficDirection.Filter direction = TrafficDirection.Filter.ANY;
        List<FilterEntry> always = new ArrayList<>();
        List<FilterEntry> include = new ArrayList<>();
        List<FilterEntry> exclude = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode());
            Node v = t.getValueNode();
            int l = line(t.getKeyNode());
            switch (key == null ? "" : key) {
                case "description" -> description = requireScalar(label, v, "description", problems, "");
                case "base" -> {
                    base = requireScalar(label, v, "base", problems, null);
                    baseLine = line(v);
                }
                case "direction" -> {
                    String d = requireScalar(label, v, "direction", problems, null);
                    if (d != null) {
                        try {
                            direction = TrafficDirection.Filter.parse(d);
                        } catch (IllegalArgumentException e) {
                            problems.add(new ConfigProblem(label, line(v), e.getMessage()));
                        }
                    }
                }
                case "always" -> always = filters(label, name, "always", v, problems);
                case "include" -> include = filters(label, name, "include", v, problems);
                case "exclude" -> exclude = filters(label, name, "exclude", v, problems);
                default -> problems.add(new ConfigProblem(label, l, "profile \"" + name + "\": unknown key \"" + key
                        + "\" (expected description, base, direction, include, exclude, always)"));
            }
        }
        return new Raw(name, at, description, base, baseLine, direction, always, include, exclude);
    }

    private static List<FilterEntry> filters(String label, String profile, String what, Node v,
            List<ConfigProblem> problems) {
        List<FilterEntry> out = new ArrayList<>();
        List<Node> items;
        if (v instanceof SequenceNode s) {
            items = s.getValue();
        } else if (v instanceof ScalarNode) {
            items = List.of(v);
        } else {
            problems.add(new ConfigProblem(label, line(v), "profile \"" + profile + "\": " + what
                    + " must be a list of selectors"));
            return out;
        }
        for (Node item : items) {
            String sel = scalar(item);
            if (sel == null && item instanceof MappingNode pair && pair.getValue().size() == 1
                    && scalar(pair.getValue().get(0).getKeyNode()) != null
                    && scalar(pair.getValue().get(0).getValueNode()) != null) {
                // "- metadata: signature_severity Major" unquoted is a one-pair mapping in YAML
                sel = scalar(pair.getValue().get(0).getKeyNode()) + ": "
                        + scalar(pair.getValue().get(0).getValueNode());
            }
            if (sel == null) {
                problems.add(new ConfigProblem(label, line(item), "profile \"" + profile + "\": " + what
                        + " entries must be strings (quote selectors that contain ': ')"));
                continue;
            }
            try {
                out.add(new FilterEntry(RuleMatcher.parse(sel), label + ":" + line(item) + " " + what));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(label, line(item), "profile \"" + profile + "\": " + e.getMessage()));
            }
        }
        return out;
    }

    private static Profile build(String label, String name, Map<String, Raw> raws, Map<String, Profile> done,
            Set<String> visiting, List<ConfigProblem> problems) {
        Profile p = done.get(name);
        if (p != null) {
            return p;
        }
        Raw r = raws.get(name);
        if (!visiting.add(name)) {
            problems.add(new ConfigProblem(label, r.line(), "profile \"" + name + "\": base profiles form a cycle"));
            return null;
        }
        Profile base = null;
        if (r.base() != null) {
            base = builtIn(r.base());
            if (base == null && raws.containsKey(r.base())) {
                base = build(label, r.base(), raws, done, visiting, problems);
                if (base == null) {
                    return null;
                }
            } else if (base == null) {
                problems.add(new ConfigProblem(label, r.baseLine(), "profile \"" + name + "\": unknown base profile \""
                        + r.base() + "\""));
                return null;
            }
        }
        p = new Profile(name, r.description(), base, r.direction(), r.always(), r.include(), r.exclude());
        done.put(name, p);
        visiting.remove(name);
        return p;
    }

    private static String requireScalar(String label, Node v, String what, List<ConfigProblem> problems,
            String fallback) {
        String s = scalar(v);
        if (s == null) {
            problems.add(new ConfigProblem(label, line(v), what + " must be a string"));
            return fallback;
        }
        return s;
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private static int line(Node n) {
        return n == null || n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }
}
