package dev.rampart.engine.detect.mpm;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Building, choosing and reading back matchers. */
public final class MultiPatternMatchers {
    static final int MAGIC = 0x524d504d; // "RMPM"
    static final short FORMAT = 1;

    private MultiPatternMatchers() {
    }

    /** Hyperscan where its native library loads on this machine, else Aho-Corasick. */
    public static MpmKind preferredKind() {
        return HyperscanMatcher.available() ? MpmKind.HYPERSCAN : MpmKind.AHO_CORASICK;
    }

    public static MultiPatternMatcher build(MpmKind kind, List<MpmPattern> patterns) {
        return switch (kind) {
            case AHO_CORASICK -> AhoCorasickMatcher.build(patterns);
            case HYPERSCAN -> HyperscanMatcher.build(patterns);
        };
    }

    static DataOutputStream header(OutputStream bos, MpmKind kind) throws IOException {
        DataOutputStream out = new DataOutputStream(bos);
        out.writeInt(MAGIC);
        out.writeShort(FORMAT);
        out.writeByte(kind.tag);
        return out;
    }

    /** Reads what {@link MultiPatternMatcher#serialize()} wrote; IOException for anything else. */
    public static MultiPatternMatcher deserialize(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a serialized matcher");
            }
            short format = in.readShort();
            if (format != FORMAT) {
                throw new IOException("matcher format " + format + ", expected " + FORMAT);
            }
            MpmKind kind;
            try {
                kind = MpmKind.ofTag(in.readByte());
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
            MultiPatternMatcher m = switch (kind) {
                case AHO_CORASICK -> AhoCorasickMatcher.readBody(in);
                case HYPERSCAN -> HyperscanMatcher.readBody(in);
            };
            if (in.read() != -1) {
                m.close();
                throw new IOException("trailing bytes after matcher");
            }
            return m;
        } catch (RuntimeException e) {
            throw new IOException("corrupt serialized matcher: " + e, e);
        }
    }
}
