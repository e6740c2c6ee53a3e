package dev.rampart.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a recorded reference-counter file: one capture per line, {@code <test>/<pcap> name=value ...};
 * blank lines and {@code #} comments skipped.
 */
public final class OracleCounterFile {
    private OracleCounterFile() {
    }

    /** Counters per capture, in file order, from a resource next to {@code owner}. */
    public static Map<String, Map<String, Long>> read(Class<?> owner, String resource) throws IOException {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        try (InputStream in = owner.getResourceAsStream(resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                Map<String, Long> c = new LinkedHashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    int eq = parts[i].indexOf('=');
                    c.put(parts[i].substring(0, eq), Long.parseLong(parts[i].substring(eq + 1)));
                }
                m.put(parts[0], c);
            }
        }
        return m;
    }
}
