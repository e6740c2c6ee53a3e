package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.applayer.http.HttpTx;
import dev.rampart.engine.applayer.smb.SmbTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.app.FileHashOption;
import dev.rampart.rules.keyword.app.FileStringOption;
import dev.rampart.rules.keyword.app.FilesizeOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The file keywords over HTTP bodies (a response body is a downloaded file; uploads are not
 * tracked yet): filemd5/filesha1/filesha256 (hash in a list file, checked once the file is
 * closed), filename/fileext/filemagic (Suricata 7 turns these into nocase content on file.name /
 * file.magic; fileext is ".ext" at the end), filesize, and filestore (matches; nothing is stored).
 */
public final class FileKeywords {
    private FileKeywords() {
    }

    public static void hash(RuleOption option, RuleBuilder rule) {
        FileHashOption o = (FileHashOption) option;
        int kind = switch (o.keyword()) {
            case "filemd5" -> 0;
            case "filesha1" -> 1;
            default -> 2;
        };
        int hexLen = kind == 0 ? 32 : kind == 1 ? 40 : 64;
        Set<String> list;
        try {
            list = loadList(resolve(o.listFile(), rule.ruleFile()), hexLen);
        } catch (IOException e) {
            rule.unsupported(o.keyword() + ": cannot read hash list " + o.listFile() + ": " + e.getMessage());
            return;
        }
        boolean negated = o.negated();
        rule.addTxMatcher(AppProto.HTTP, AppBuffer.BOTH, (ctx, s, tx) -> {
            HttpTx t = (HttpTx) tx;
            if (ctx.toServer || !t.hasFile(false)) {
                return false;
            }
            byte[] h = t.fileHash(false, kind);
            if (h == null) {
                return false;
            }
            return list.contains(hex(h)) != negated;
        });
    }

    public static void string(RuleOption option, RuleBuilder rule) {
        FileStringOption o = (FileStringOption) option;
        boolean negated = o.negated();
        byte[] text = (o.keyword().equals("fileext") ? "." + o.text() : o.text()).getBytes(StandardCharsets.UTF_8);
        boolean magic = o.keyword().equals("filemagic");
        boolean endsWith = o.keyword().equals("fileext");
        rule.addFileTxMatcher((ctx, s, tx) -> {
            if (tx instanceof SmbTx m) {
                return smbString(m, ctx.toServer, magic, text, endsWith, negated);
            }
            if (!(tx instanceof HttpTx t)) {
                return false; // an SMTP attachment's names are not read here
            }
            if (ctx.toServer || !t.hasFile(false)) {
                return false;
            }
            // (the name is read from the headers only for a name keyword)
            return test(magic, magic ? null : t.fileName(false), t.fileHead(false), text, endsWith, negated);
        });
    }

    /** filename / fileext / filemagic on an SMB file: the name its create gave, the magic of its first bytes. */
    private static boolean smbString(SmbTx m, boolean toServer, boolean magic, byte[] text, boolean endsWith,
                                     boolean negated) {
        if (m.kind() != SmbTx.FILE || m.fileToServer() != toServer) {
            return false;
        }
        Slice head = new Slice();
        if (magic && !m.fileHead(head)) {
            return false; // no byte of the file yet
        }
        byte[] n = m.fileName();
        return test(magic, n == null ? new Slice() : new Slice().set(n, 0, n.length), head, text, endsWith, negated);
    }

    /**
     * The keyword on a file: its head's magic (filemagic) or its name (filename, fileext: at the
     * end) holds the text, negated by {@code !}; a file without a name matches no name keyword.
     */
    private static boolean test(boolean magic, Slice name, Slice head, byte[] text, boolean endsWith, boolean negated) {
        boolean found;
        if (magic) {
            byte[] m = magic(head);
            found = m != null && indexOfIgnoreCase(m, 0, m.length, text, false) >= 0;
        } else {
            if (name.array == null) {
                return false;
            }
            found = indexOfIgnoreCase(name.array, name.offset, name.length, text, endsWith) >= 0;
        }
        return found != negated;
    }

    public static void size(RuleOption option, RuleBuilder rule) {
        FilesizeOption o = (FilesizeOption) option;
        Uint v = o.value();
        rule.addTxMatcher(AppProto.HTTP, AppBuffer.BOTH, (ctx, s, tx) -> {
            HttpTx t = (HttpTx) tx;
            if (ctx.toServer || !t.hasFile(false)) {
                return false;
            }
            long size = t.fileSize(false);
            if (t.fileClosed(false)) {
                return v.matches(size);
            }
            // an open file can only be known to be larger already
            return (v.mode() == Uint.Mode.GT || v.mode() == Uint.Mode.GE) && v.matches(size);
        });
    }

    public static void store(RuleOption option, RuleBuilder rule) {
        // files are not written: the rule matches as if they were; Suricata's list is the files one
        rule.noteAppLayerKeyword();
    }

    static Path resolve(String name, String ruleFile) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return p;
        }
        if (ruleFile != null) {
            Path parent = Path.of(ruleFile).toAbsolutePath().getParent();
            if (parent != null && Files.isRegularFile(parent.resolve(name))) {
                return parent.resolve(name);
            }
        }
        return p;
    }

    /** One hash per line (first token, hex); blank lines and lines starting with '#' or space are skipped. */
    static Set<String> loadList(Path file, int hexLen) throws IOException {
        Set<String> out = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            String tok = line.trim().split("[\\s,]", 2)[0].toLowerCase(Locale.ROOT);
            if (tok.length() >= hexLen && tok.substring(0, hexLen).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                out.add(tok.substring(0, hexLen));
            }
        }
        return out;
    }

    static String hex(byte[] h) {
        StringBuilder sb = new StringBuilder(h.length * 2);
        for (byte b : h) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** Case-insensitive search; with {@code atEnd} only an occurrence that ends the data counts. */
    static int indexOfIgnoreCase(byte[] a, int off, int len, byte[] p, boolean atEnd) {
        int from = atEnd ? len - p.length : 0;
        for (int i = Math.max(0, from); i + p.length <= len; i++) {
            boolean eq = true;
            for (int k = 0; k < p.length && eq; k++) {
                eq = lower(a[off + i + k]) == lower(p[k]);
            }
            if (eq) {
                return i;
            }
        }
        return -1;
    }

    private static int lower(byte b) {
        int c = b & 0xFF;
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /**
     * A libmagic-style description for the common types (enough for filemagic's substring match),
     * or null when the type is not recognised.
     */
    static byte[] magic(Slice head) {
        if (head == null || head.array == null || head.length == 0) {
            return null;
        }
        byte[] a = head.array;
        int o = head.offset;
        int n = head.length;
        if (starts(a, o, n, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return PNG_IMAGE_DATA;
        }
        if (starts(a, o, n, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                || starts(a, o, n, "GIF89a".getBytes(StandardCharsets.US_ASCII))) {
            return GIF_IMAGE_DATA;
        }
        if (starts(a, o, n, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return JPEG_IMAGE_DATA;
        }
        if (starts(a, o, n, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return PDF_DOCUMENT;
        }
        if (starts(a, o, n, new byte[] {'P', 'K', 3, 4})) {
            return ZIP_ARCHIVE_DATA;
        }
        if (starts(a, o, n, new byte[] {0x7f, 'E', 'L', 'F'})) {
            return ELF;
        }
        if (starts(a, o, n, new byte[] {'M', 'Z'})) {
            return PE32_EXECUTABLE_GUI_INTEL_80386_FOR_MS_WINDOWS;
        }
        return null;
    }

    private static final byte[] PNG_IMAGE_DATA = "PNG image data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GIF_IMAGE_DATA = "GIF image data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JPEG_IMAGE_DATA = "JPEG image data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF_DOCUMENT = "PDF document".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP_ARCHIVE_DATA = "Zip archive data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ELF = "ELF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PE32_EXECUTABLE_GUI_INTEL_80386_FOR_MS_WINDOWS = "PE32 executable (GUI) Intel 80386, for MS Windows".getBytes(StandardCharsets.US_ASCII);

    private static boolean starts(byte[] a, int o, int n, byte[] p) {
        if (n < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (a[o + i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
