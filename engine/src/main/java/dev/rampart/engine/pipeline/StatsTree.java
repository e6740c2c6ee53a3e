package dev.rampart.engine.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the nested counter tree of Suricata's EVE {@code stats} record from dotted names. */
public final class StatsTree {
    private StatsTree() {
    }

    /** Puts {@code value} at {@code a.b.c}, creating the intermediate objects. */
    @SuppressWarnings("unchecked")
    public static void put(Map<String, Object> root, String dotted, Object value) {
        Map<String, Object> node = root;
        int start = 0;
        int dot;
        while ((dot = dotted.indexOf('.', start)) >= 0) {
            String key = dotted.substring(start, dot);
            Object child = node.get(key);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(key, child);
            }
            node = (Map<String, Object>) child;
            start = dot + 1;
        }
        node.put(dotted.substring(start), value);
    }

    public static void putAll(Map<String, Object> root, Map<String, Long> flat) {
        for (Map.Entry<String, Long> e : flat.entrySet()) {
            put(root, e.getKey(), e.getValue());
        }
    }

    /** Reads {@code a.b.c} from a tree, or null. */
    @SuppressWarnings("unchecked")
    public static Object get(Map<String, Object> root, String dotted) {
        Object node = root;
        for (String part : dotted.split("\\.")) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<String, Object>) node).get(part);
        }
        return node;
    }
}
