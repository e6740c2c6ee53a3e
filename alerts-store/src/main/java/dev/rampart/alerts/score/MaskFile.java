package dev.rampart.alerts.score;

import dev.rampart.alerts.IpText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks as a text file, one a line, so that the console writes what a sensor's {@link MaskSet}
 * loads ({@code #} starts a comment):
 *
 * <pre>
 * sid SID                         a rule everywhere
 * sid-host SID src|dst|either IP  a rule for one host
 * flow FLOW-ID [LABEL]            one flow, any rule (an incident keyed by flow)
 * pair IP IP [LABEL]              a host pair, any rule (an incident keyed by host pair)
 * </pre>
 *
 * A malformed line is reported with its number and the whole file is refused: a half-read masks
 * file would silently unmask.
 */
public final class MaskFile {
    private MaskFile() {
    }

    /** Reads the masks of {@code file}; none when it does not exist. */
    public static List<MaskSet.Mask> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Loads {@code file} into {@code set}, replacing what it held. */
    public static void load(Path file, MaskSet set) throws IOException {
        set.replaceAll(read(file));
    }

    public static List<MaskSet.Mask> parse(String origin, String text) {
        List<MaskSet.Mask> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        long[] ip = new long[3];
        long[] other = new long[3];
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("\\s+");
            try {
                switch (w[0]) {
                    case "sid" -> {
                        arity(w, 2, 2);
                        long sid = sid(w[1]);
                        out.add(new MaskSet.Mask(sid, null, 0, 0, 0, 0, false, 0, 0, "sid:" + sid));
                    }
                    case "sid-host" -> {
                        arity(w, 4, 4);
                        long sid = sid(w[1]);
                        MaskSet.Track track = switch (w[2]) {
                            case "src" -> MaskSet.Track.BY_SRC;
                            case "dst" -> MaskSet.Track.BY_DST;
                            case "either" -> MaskSet.Track.BY_EITHER;
                            default -> throw new IllegalArgumentException("track must be src, dst or either, not " + w[2]);
                        };
                        IpText.parse(w[3], ip);
                        out.add(new MaskSet.Mask(sid, track, (int) ip[0], ip[1], ip[2], 0, false, 0, 0,
                                "sid:" + sid + " host:" + w[3]));
                    }
                    case "flow" -> {
                        arity(w, 2, 3);
                        long flow = Long.parseUnsignedLong(w[1]);
                        if (flow == 0) {
                            throw new IllegalArgumentException("flow id 0 names no flow");
                        }
                        out.add(new MaskSet.Mask(0, null, 0, 0, 0, flow, false, 0, 0, w.length > 2 ? w[2] : "flow:" + w[1]));
                    }
                    case "pair" -> {
                        arity(w, 3, 4);
                        IpText.parse(w[1], ip);
                        IpText.parse(w[2], other);
                        if (ip[0] != other[0]) {
                            throw new IllegalArgumentException("a pair needs two addresses of one IP version");
                        }
                        out.add(new MaskSet.Mask(0, null, (int) ip[0], ip[1], ip[2], 0, true, other[1], other[2],
                                w.length > 3 ? w[3] : "pair:" + w[1] + "," + w[2]));
                    }
                    default -> throw new IllegalArgumentException("unknown mask kind " + w[0]
                            + " (expected sid, sid-host, flow or pair)");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ":" + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The line that {@link #parse} reads back as {@code m}. */
    public static String format(MaskSet.Mask m) {
        if (m.flowId() != 0) {
            return "flow " + Long.toUnsignedString(m.flowId()) + " " + label(m);
        }
        if (m.pair()) {
            return "pair " + IpText.format(m.ipVersion(), m.hi(), m.lo()) + " "
                    + IpText.format(m.ipVersion(), m.otherHi(), m.otherLo()) + " " + label(m);
        }
        if (m.track() != null) {
            String track = switch (m.track()) {
                case BY_SRC -> "src";
                case BY_DST -> "dst";
                case BY_EITHER -> "either";
            };
            return "sid-host " + m.sid() + " " + track + " " + IpText.format(m.ipVersion(), m.hi(), m.lo());
        }
        return "sid " + m.sid();
    }

    /** Writes the masks (to a temporary file, then renamed over {@code file}: a reader never sees half). */
    public static void write(Path file, List<MaskSet.Mask> masks) throws IOException {
        StringBuilder sb = new StringBuilder("# rampart masks: sid SID | sid-host SID src|dst|either IP | flow ID [LABEL] | pair IP IP [LABEL]\n");
        for (MaskSet.Mask m : masks) {
            sb.append(format(m)).append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".masks", ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Labels are one word in the file. */
    private static String label(MaskSet.Mask m) {
        return m.label() == null || m.label().isBlank() ? "-" : m.label().strip().replaceAll("\\s+", "_");
    }

    private static void arity(String[] w, int min, int max) {
        if (w.length < min || w.length > max) {
            throw new IllegalArgumentException(w[0] + " takes " + (min == max ? String.valueOf(min - 1) : (min - 1) + " or " + (max - 1))
                    + " fields, not " + (w.length - 1));
        }
    }

    private static long sid(String s) {
        long sid;
        try {
            sid = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a sid: " + s);
        }
        if (sid <= 0) {
            throw new IllegalArgumentException("sid must be positive: " + s);
        }
        return sid;
    }
}
