package dev.rampart.cli.rules;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small ET-like rule tree for the {@code rules update} / {@code rules list} tests, with filter
 * files. Metadata is chosen so that the built-in profiles disagree:
 *
 * <pre>
 * sid      file / line           severity, other metadata       direction  filters              minimal  balanced
 * 2000001  exploit:1             Critical, perf Low             inbound    drop.conf            in       in
 * 2000002  exploit:2             Major, perf Significant        inbound                         out      out
 * 2000003  exploit:3 (rev 1)     Minor, perf Moderate           outbound   replaced by local:1  out      in
 * 2000004  exploit:4             Major; does not parse          either                          in       in
 * 2000006  exploit:5, shipped #  Critical                       inbound    enable.conf          in       in
 * 2000005  info:2                Major                          outbound                        out      in
 * 2000007  info:3                Informational                  either     disable.conf         out      out
 * 2000008  info:4                Major, confidence Low          either     modify.conf          out      in
 * </pre>
 */
final class RuleSetFixture {
    static final String R1 = "alert tcp $EXTERNAL_NET any -> $HOME_NET 445 (msg:\"ET EXPLOIT one\"; content:\"|ff|SMB\"; "
            + "sid:2000001; rev:1; metadata:signature_severity Critical, performance_impact Low;)";
    static final String R2 = "alert tcp $EXTERNAL_NET any -> $HOME_NET any (msg:\"ET EXPLOIT two heavy\"; "
            + "content:\"aa\"; sid:2000002; rev:1; metadata:signature_severity Major, performance_impact Significant;)";
    static final String R3 = "alert tcp $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET EXPLOIT three\"; content:\"bb\"; "
            + "sid:2000003; rev:1; metadata:signature_severity Minor, performance_impact Moderate;)";
    static final String R3_V2 = "alert tcp $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET EXPLOIT three v2\"; "
            + "content:\"bb\"; sid:2000003; rev:2; metadata:signature_severity Minor, performance_impact Moderate;)";
    static final String R4_BAD = "alert tcp any any -> any any (msg:\"ET EXPLOIT four broken\"; frobnicate; "
            + "sid:2000004; rev:1; metadata:signature_severity Major;)";
    static final String R6_SHIPPED_OFF = "alert tcp $EXTERNAL_NET any -> $HOME_NET any (msg:\"ET EXPLOIT six\"; "
            + "content:\"cc\"; sid:2000006; rev:1; metadata:signature_severity Critical;)";
    static final String R5 = "alert http $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET INFO five\"; http.uri; "
            + "content:\"/a\"; sid:2000005; rev:1; metadata:signature_severity Major;)";
    static final String R7 = "alert tcp any any -> any any (msg:\"ET INFO seven\"; content:\"dd\"; sid:2000007; rev:1; "
            + "metadata:signature_severity Informational;)";
    static final String R8 = "alert tcp any any -> any any (msg:\"ET INFO eight evil\"; content:\"evil\"; sid:2000008; "
            + "rev:1; metadata:signature_severity Major, confidence Low;)";
    /** R8 after modify.conf. */
    static final String R8_MODIFIED = R8.replace("evil", "EVIL");
    /** R1 after drop.conf. */
    static final String R1_DROP = R1.replaceFirst("^alert", "drop");

    final Path root;
    final Path dir;
    final Path exploit;
    final Path info;
    final Path local;
    final Path enableConf;
    final Path disableConf;
    final Path dropConf;
    final Path modifyConf;

    RuleSetFixture(Path root) throws Exception {
        this.root = root;
        dir = root.resolve("et");
        exploit = write(dir.resolve("emerging-exploit.rules"), R1 + "\n" + R2 + "\n" + R3 + "\n" + R4_BAD + "\n#"
                + R6_SHIPPED_OFF + "\n");
        info = write(dir.resolve("emerging-info.rules"), "# ET info rules\n" + R5 + "\n" + R7 + "\n" + R8 + "\n");
        local = write(root.resolve("local.rules"), R3_V2 + "\n");
        enableConf = write(root.resolve("enable.conf"), "# shipped commented out\n2000006\n");
        disableConf = write(root.resolve("disable.conf"), "\n2000007  # noisy\n");
        dropConf = write(root.resolve("drop.conf"), "1:2000001\n");
        modifyConf = write(root.resolve("modify.conf"), "2000008 \"evil\" \"EVIL\"\n");
    }

    /** Sources and the four filter files, then {@code extra}. */
    String[] args(String command, String... extra) {
        String[] base = {"rules", command, "--enable-conf", enableConf.toString(), "--disable-conf",
                disableConf.toString(), "--drop-conf", dropConf.toString(), "--modify-conf", modifyConf.toString()};
        String[] out = new String[base.length + extra.length];
        System.arraycopy(base, 0, out, 0, base.length);
        System.arraycopy(extra, 0, out, base.length, extra.length);
        return out;
    }

    static Path write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }
}
