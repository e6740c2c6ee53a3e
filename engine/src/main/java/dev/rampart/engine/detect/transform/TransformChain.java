package dev.rampart.engine.detect.transform;

import dev.rampart.engine.applayer.Slice;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.transform.CompressWhitespace;
import dev.rampart.rules.keyword.transform.Dotprefix;
import dev.rampart.rules.keyword.transform.FromBase64;
import dev.rampart.rules.keyword.transform.HeaderLowercase;
import dev.rampart.rules.keyword.transform.Pcrexform;
import dev.rampart.rules.keyword.transform.StripPseudoHeaders;
import dev.rampart.rules.keyword.transform.StripWhitespace;
import dev.rampart.rules.keyword.transform.ToLowercase;
import dev.rampart.rules.keyword.transform.ToMd5;
import dev.rampart.rules.keyword.transform.ToSha1;
import dev.rampart.rules.keyword.transform.ToSha256;
import dev.rampart.rules.keyword.transform.ToUppercase;
import dev.rampart.rules.keyword.transform.UrlDecode;
import dev.rampart.rules.keyword.transform.Xor;
import java.util.ArrayList;
import java.util.List;

/**
 * The transforms following a sticky buffer, compiled once per rule and applied in rule order to
 * the buffer before inspection (Suricata's InspectionBufferApplyTransforms). Immutable; output
 * goes to the caller's {@link TransformScratch}.
 */
public final class TransformChain {
    private final Transform[] steps;

    private TransformChain(Transform[] steps) {
        this.steps = steps;
    }

    /** Thrown for a transform the engine cannot apply; the message says which. */
    public static final class Unsupported extends Exception {
        public Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** Null for an empty list. */
    public static TransformChain compile(List<TransformOption> transforms) throws Unsupported {
        if (transforms.isEmpty()) {
            return null;
        }
        List<Transform> steps = new ArrayList<>();
        for (TransformOption t : transforms) {
            steps.add(step(t));
        }
        return new TransformChain(steps.toArray(new Transform[0]));
    }

    private static Transform step(TransformOption t) throws Unsupported {
        if (t instanceof ToLowercase) {
            return Transform.TO_LOWERCASE;
        } else if (t instanceof ToUppercase) {
            return Transform.TO_UPPERCASE;
        } else if (t instanceof StripWhitespace) {
            return Transform.STRIP_WHITESPACE;
        } else if (t instanceof CompressWhitespace) {
            return Transform.COMPRESS_WHITESPACE;
        } else if (t instanceof Dotprefix) {
            return Transform.DOTPREFIX;
        } else if (t instanceof UrlDecode) {
            return Transform.URL_DECODE;
        } else if (t instanceof ToMd5) {
            return Transform.digest("MD5");
        } else if (t instanceof ToSha1) {
            return Transform.digest("SHA-1");
        } else if (t instanceof ToSha256) {
            return Transform.digest("SHA-256");
        } else if (t instanceof HeaderLowercase) {
            return Transform.HEADER_LOWERCASE;
        } else if (t instanceof StripPseudoHeaders) {
            return Transform.STRIP_PSEUDO_HEADERS;
        } else if (t instanceof Xor x) {
            return Transform.xor(x.key().toByteArray());
        } else if (t instanceof Pcrexform p) {
            return Transform.pcrexform(p.regex());
        } else if (t instanceof FromBase64 b) {
            if (b.bytes() != null && b.bytes().isVar() || b.offset() != null && b.offset().isVar()) {
                throw new Unsupported("from_base64 with byte_extract variables");
            }
            return Transform.fromBase64(b.bytes() == null ? 0 : (int) b.bytes().value(),
                    b.offset() == null ? 0 : (int) b.offset().value(),
                    b.mode() == null ? FromBase64.Mode.RFC4648 : b.mode());
        }
        throw new Unsupported("transform " + t.keyword() + " is not implemented");
    }

    /** Applies every step to {@code in}; the result is in {@code out} (backed by the scratch). */
    public Slice apply(byte[] in, int off, int len, TransformScratch scratch, Slice out) {
        byte[] src = in;
        int so = off;
        int sl = len;
        int which = 0;
        for (Transform t : steps) {
            byte[] dst = scratch.buffer(which, t.maxOutput(sl));
            int n = t.apply(src, so, sl, dst);
            src = dst;
            so = 0;
            sl = n;
            which ^= 1;
        }
        return out.set(src, so, sl);
    }
}
