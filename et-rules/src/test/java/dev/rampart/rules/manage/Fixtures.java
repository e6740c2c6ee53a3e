package dev.rampart.rules.manage;

import dev.rampart.rules.RuleParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small rule sets and archives for the tests; rules use only keywords the parser already has. */
final class Fixtures {
    private Fixtures() {
    }

    static final String INFO_1 = "alert http $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET INFO one\"; http.uri; "
            + "content:\"/a\"; classtype:misc-activity; sid:1000001; rev:1; "
            + "metadata:signature_severity Informational, performance_impact Low;)";
    static final String INFO_2_DISABLED = "alert http $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET INFO two\"; "
            + "content:\"b\"; sid:1000002; rev:1; metadata:signature_severity Minor;)";
    static final String EXPLOIT_3 = "alert tcp $EXTERNAL_NET any -> $HOME_NET 445 (msg:\"ET EXPLOIT three\"; "
            + "content:\"|ff|SMB\"; sid:1000003; rev:2; "
            + "metadata:signature_severity Critical, performance_impact Significant;)";
    /** Odd spacing on purpose: output must keep it. */
    static final String EXPLOIT_4 = "alert tcp $EXTERNAL_NET any -> $HOME_NET any (msg:\"ET EXPLOIT four\";  "
            + "content:\"x\";   sid:1000004; rev:1; metadata:signature_severity Major, confidence High;)";
    static final String EXPLOIT_5_BAD = "alert tcp any any -> any any (msg:\"ET EXPLOIT five\"; "
            + "no_such_keyword:1; sid:1000005; rev:1;)";

    static Map<String, String> sampleFiles() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("emerging-info.rules", "# ET info\n" + INFO_1 + "\n#" + INFO_2_DISABLED + "\n");
        m.put("emerging-exploit.rules", EXPLOIT_3 + "\n" + EXPLOIT_4 + "\n\n" + EXPLOIT_5_BAD + "\n");
        return m;
    }

    static Path writeDir(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    static ManagedRule rule(String file, String text) {
        return ManagedRule.load(file, 1, text, true, new RuleParser());
    }

    static ManagedRule disabledRule(String file, String text) {
        return ManagedRule.load(file, 1, text, false, new RuleParser());
    }

    // ---- a minimal tar writer, to build archives in tests

    static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : files.entrySet()) {
            byte[] body = e.getValue().getBytes(StandardCharsets.UTF_8);
            writeEntry(out, e.getKey(), '0', body, true);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    static void writeEntry(ByteArrayOutputStream out, String name, char type, byte[] body, boolean ustar)
            throws IOException {
        byte[] h = new byte[512];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        put(h, 100, 8, "0000644\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 108, 8, "0000000\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 116, 8, "0000000\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 124, 12, String.format("%011o\0", body.length).getBytes(StandardCharsets.US_ASCII));
        put(h, 136, 12, "00000000000\0".getBytes(StandardCharsets.US_ASCII));
        h[156] = (byte) type;
        if (ustar) {
            put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
            put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        }
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII));
        out.write(h);
        out.write(body);
        int pad = (512 - body.length % 512) % 512;
        out.write(new byte[pad]);
    }

    private static void put(byte[] h, int off, int len, byte[] v) {
        System.arraycopy(v, 0, h, off, Math.min(len, v.length));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(data);
        }
        return bo.toByteArray();
    }

    /** ET's layout: {@code rules/NAME.rules} inside a tar.gz. */
    static byte[] etStyleTarGz(Map<String, String> files) throws IOException {
        Map<String, String> prefixed = new LinkedHashMap<>();
        files.forEach((k, v) -> prefixed.put("rules/" + k, v));
        prefixed.put("rules/classification.config", "config classification: misc-activity,Misc activity,3\n");
        return gzip(tar(prefixed));
    }

    static List<String> lines(String s) {
        return List.of(s.split("\n"));
    }
}
