package dev.rampart.engine.detect.mpm;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pure-Java byte-level Aho-Corasick; always available and the reference the other matchers are
 * tested against.
 *
 * <p>Every pattern is inserted ASCII-lowercased, so one automaton serves nocase and case-sensitive
 * patterns alike; a hit on a case-sensitive pattern is confirmed against the original bytes (as
 * Suricata's AC does). Layout, all flat arrays, states numbered breadth-first so that each state's
 * children are one contiguous run: the root has a dense 256-entry row (most bytes of most buffers
 * are read there), deeper states a short list of (label, target) pairs walked linearly, with
 * failure links. {@code firstOut[s]} is the deepest state on s's failure chain (s included) that
 * ends a pattern, {@code nextOut} chains those states, {@code outHead/patNext} the patterns that
 * end in one state; so the per-byte cost of "no match here" is one array read.
 */
public final class AhoCorasickMatcher implements MultiPatternMatcher {
    private static final int NONE = -1;

    private final int[] ids;
    private final byte[][] patterns;
    private final boolean[] nocase;
    private final int[] rootNext;
    private final int[] childStart; // stateCount + 1 entries
    private final byte[] childLabel;
    private final int[] childTarget;
    private final int[] fail;
    private final int[] firstOut;
    private final int[] nextOut;
    private final int[] outHead;
    private final int[] patNext;
    /** Full transition rows (failures resolved) for the first {@code denseCount} states. */
    private final int[] dense;
    private final int denseCount;

    /** Rows for states up to this depth... */
    static final int DENSE_DEPTH = 2;
    /** ...but no more than this many rows (4 MiB). */
    static final int DENSE_MAX_STATES = 4096;

    private AhoCorasickMatcher(int[] ids, byte[][] patterns, boolean[] nocase, int[] rootNext,
            int[] childStart, byte[] childLabel, int[] childTarget, int[] fail, int[] firstOut,
            int[] nextOut, int[] outHead, int[] patNext) {
        this.ids = ids;
        this.patterns = patterns;
        this.nocase = nocase;
        this.rootNext = rootNext;
        this.childStart = childStart;
        this.childLabel = childLabel;
        this.childTarget = childTarget;
        this.fail = fail;
        this.firstOut = firstOut;
        this.nextOut = nextOut;
        this.outHead = outHead;
        this.patNext = patNext;
        // States are numbered breadth-first, so the shallow ones are 0..denseCount-1, and a
        // state's failure target is shallower, hence its row is already filled.
        int states = fail.length;
        int[] depth = new int[states];
        int count = 0;
        for (int st = 0; st < states; st++) {
            for (int i = childStart[st]; i < childStart[st + 1]; i++) {
                depth[childTarget[i]] = depth[st] + 1;
            }
        }
        while (count < states && count < DENSE_MAX_STATES && depth[count] <= DENSE_DEPTH) {
            count++;
        }
        this.denseCount = count;
        this.dense = new int[count * 256];
        System.arraycopy(rootNext, 0, dense, 0, 256);
        for (int st = 1; st < count; st++) {
            System.arraycopy(dense, fail[st] * 256, dense, st * 256, 256);
            for (int i = childStart[st]; i < childStart[st + 1]; i++) {
                dense[st * 256 + (childLabel[i] & 0xff)] = childTarget[i];
            }
        }
    }

    static byte fold(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    /** Builds the automaton; pattern ids must be unique. */
    public static AhoCorasickMatcher build(List<MpmPattern> input) {
        int n = input.size();
        int[] ids = new int[n];
        byte[][] pats = new byte[n][];
        boolean[] nc = new boolean[n];
        Set<Integer> seen = new HashSet<>();
        int total = 1;
        for (int i = 0; i < n; i++) {
            MpmPattern p = input.get(i);
            if (!seen.add(p.id())) {
                throw new IllegalArgumentException("duplicate pattern id " + p.id());
            }
            ids[i] = p.id();
            pats[i] = p.bytes();
            nc[i] = p.nocase();
            total += pats[i].length;
        }

        // 1. Trie with first-child / next-sibling links (build time only).
        int[] firstChild = new int[total];
        int[] sibling = new int[total];
        byte[] label = new byte[total];
        int[] depth = new int[total];
        int[] ownOut = new int[total];
        int[] patNext = new int[n];
        Arrays.fill(firstChild, NONE);
        Arrays.fill(ownOut, NONE);
        int states = 1;
        for (int p = 0; p < n; p++) {
            int s = 0;
            for (byte raw : pats[p]) {
                byte b = fold(raw);
                int c = firstChild[s];
                while (c != NONE && label[c] != b) {
                    c = sibling[c];
                }
                if (c == NONE) {
                    c = states++;
                    label[c] = b;
                    depth[c] = depth[s] + 1;
                    sibling[c] = firstChild[s];
                    firstChild[s] = c;
                }
                s = c;
            }
            patNext[p] = ownOut[s];
            ownOut[s] = p;
        }

        // 2. Breadth-first renumbering: order[k] = old state, renum[old] = k.
        int[] order = new int[states];
        int[] renum = new int[states];
        int head = 0;
        int tail = 0;
        order[tail++] = 0;
        while (head < tail) {
            int s = order[head++];
            for (int c = firstChild[s]; c != NONE; c = sibling[c]) {
                order[tail++] = c;
            }
        }
        for (int k = 0; k < states; k++) {
            renum[order[k]] = k;
        }

        // 3. Flat child runs in the new numbering.
        int[] childStart = new int[states + 1];
        byte[] childLabel = new byte[states - 1];
        int[] childTarget = new int[states - 1];
        int pos = 0;
        for (int k = 0; k < states; k++) {
            childStart[k] = pos;
            int old = order[k];
            for (int c = firstChild[old]; c != NONE; c = sibling[c]) {
                childLabel[pos] = label[c];
                childTarget[pos] = renum[c];
                pos++;
            }
        }
        childStart[states] = pos;
        int[] rootNext = new int[256];
        for (int i = childStart[0]; i < childStart[1]; i++) {
            rootNext[childLabel[i] & 0xff] = childTarget[i];
        }
        int[] outHead = new int[states];
        for (int k = 0; k < states; k++) {
            outHead[k] = ownOut[order[k]];
        }

        // 4. Failure links and output chains, breadth-first (parents before children).
        int[] fail = new int[states];
        int[] firstOut = new int[states];
        int[] nextOut = new int[states];
        firstOut[0] = NONE;
        nextOut[0] = NONE;
        for (int s = 0; s < states; s++) {
            for (int i = childStart[s]; i < childStart[s + 1]; i++) {
                int c = childTarget[i];
                byte b = childLabel[i];
                int f;
                if (s == 0) {
                    f = 0;
                } else {
                    f = fail[s];
                    int t;
                    while ((t = child(childStart, childLabel, childTarget, rootNext, f, b)) == NONE && f != 0) {
                        f = fail[f];
                    }
                    f = t == NONE ? 0 : t;
                }
                fail[c] = f;
                nextOut[c] = firstOut[f];
                firstOut[c] = outHead[c] != NONE ? c : firstOut[f];
            }
        }
        return new AhoCorasickMatcher(ids, pats, nc, rootNext, childStart, childLabel, childTarget, fail,
                firstOut, nextOut, outHead, patNext);
    }

    private static int child(int[] childStart, byte[] childLabel, int[] childTarget, int[] rootNext, int s, byte b) {
        if (s == 0) {
            int t = rootNext[b & 0xff];
            return t == 0 ? NONE : t;
        }
        for (int i = childStart[s], end = childStart[s + 1]; i < end; i++) {
            if (childLabel[i] == b) {
                return childTarget[i];
            }
        }
        return NONE;
    }

    @Override
    public MpmKind kind() {
        return MpmKind.AHO_CORASICK;
    }

    @Override
    public int patternCount() {
        return ids.length;
    }

    /** Number of automaton states (for sizing reports). */
    public int stateCount() {
        return fail.length;
    }

    @Override
    public MpmScratch newScratch() {
        return new Scratch(ids.length);
    }

    /** Dedup by stamp: a pattern was reported in this scan iff {@code stamp[p] == current}. */
    static final class Scratch implements MpmScratch {
        final int[] stamp;
        int current;

        Scratch(int patterns) {
            stamp = new int[patterns];
        }

        int nextStamp() {
            if (++current == Integer.MAX_VALUE) {
                Arrays.fill(stamp, 0);
                current = 1;
            }
            return current;
        }

        @Override
        public void close() {
        }
    }

    @Override
    public int scan(byte[] data, int off, int len, MatchSink sink, MpmScratch scratch) {
        if (data == null || off < 0 || len <= 0 || off > data.length - len || ids.length == 0) {
            return 0;
        }
        Scratch sc = (Scratch) scratch;
        int[] stamp = sc.stamp;
        int now = sc.nextStamp();
        final int[] dense = this.dense;
        final int denseCount = this.denseCount;
        final int[] childStart = this.childStart;
        final byte[] childLabel = this.childLabel;
        final int[] childTarget = this.childTarget;
        final int[] fail = this.fail;
        final int[] firstOut = this.firstOut;
        int reported = 0;
        int s = 0;
        for (int i = off, end = off + len; i < end; i++) {
            byte b = data[i];
            if (b >= 'A' && b <= 'Z') {
                b += 32;
            }
            next:
            while (true) {
                if (s < denseCount) {
                    s = dense[(s << 8) | (b & 0xff)];
                    break;
                }
                for (int k = childStart[s], ke = childStart[s + 1]; k < ke; k++) {
                    if (childLabel[k] == b) {
                        s = childTarget[k];
                        break next;
                    }
                }
                s = fail[s];
            }
            int o = firstOut[s];
            if (o != NONE) {
                reported += emit(o, data, off, i, stamp, now, sink);
            }
        }
        return reported;
    }

    private int emit(int o, byte[] data, int off, int endIdx, int[] stamp, int now, MatchSink sink) {
        int reported = 0;
        for (; o != NONE; o = nextOut[o]) {
            for (int p = outHead[o]; p != NONE; p = patNext[p]) {
                if (stamp[p] == now) {
                    continue;
                }
                if (!nocase[p] && !exact(patterns[p], data, off, endIdx + 1 - patterns[p].length)) {
                    continue;
                }
                stamp[p] = now;
                sink.onMatch(ids[p]);
                reported++;
            }
        }
        return reported;
    }

    private static boolean exact(byte[] pat, byte[] data, int off, int start) {
        if (start < off) {
            return false; // only with an automaton that is not this pattern set's (cannot happen when built here)
        }
        for (int j = 0; j < pat.length; j++) {
            if (pat[j] != data[start + j]) {
                return false;
            }
        }
        return true;
    }

    // Serialized form: the patterns (for case-sensitive confirmation) and every automaton array,
    // so that a warm start only reads arrays back. readBody checks every index an array holds, so
    // a damaged file fails to load instead of failing a scan.
    @Override
    public byte[] serialize() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(64 + 24 * fail.length);
        try (DataOutputStream out = MultiPatternMatchers.header(bos, MpmKind.AHO_CORASICK)) {
            out.writeInt(ids.length);
            for (int p = 0; p < ids.length; p++) {
                out.writeBoolean(nocase[p]);
                out.writeInt(patterns[p].length);
                out.write(patterns[p]);
            }
            Ints.write(out, ids);
            Ints.write(out, rootNext);
            Ints.write(out, childStart);
            out.writeInt(childLabel.length);
            out.write(childLabel);
            Ints.write(out, childTarget);
            Ints.write(out, fail);
            Ints.write(out, firstOut);
            Ints.write(out, nextOut);
            Ints.write(out, outHead);
            Ints.write(out, patNext);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bos.toByteArray();
    }

    static AhoCorasickMatcher readBody(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 24) {
            throw new IOException("bad pattern count " + n);
        }
        byte[][] pats = new byte[n][];
        boolean[] nc = new boolean[n];
        for (int p = 0; p < n; p++) {
            nc[p] = in.readBoolean();
            int len = in.readInt();
            if (len <= 0 || len > 1 << 20) {
                throw new IOException("bad pattern length " + len);
            }
            pats[p] = new byte[len];
            in.readFully(pats[p]);
        }
        int[] ids = Ints.read(in, n, n);
        int[] rootNext = Ints.read(in, 256, 256);
        int[] childStart = Ints.read(in, 2, 1 << 28);
        int states = childStart.length - 1;
        int labels = in.readInt();
        if (labels != states - 1) {
            throw new IOException("label count " + labels + " for " + states + " states");
        }
        byte[] childLabel = new byte[labels];
        in.readFully(childLabel);
        int[] childTarget = Ints.read(in, labels, labels);
        int[] fail = Ints.read(in, states, states);
        int[] firstOut = Ints.read(in, states, states);
        int[] nextOut = Ints.read(in, states, states);
        int[] outHead = Ints.read(in, states, states);
        int[] patNext = Ints.read(in, n, n);
        Ints.check(rootNext, 0, states - 1, "rootNext");
        Ints.check(childStart, 0, labels, "childStart");
        for (int s = 0; s < states; s++) {
            if (childStart[s] > childStart[s + 1]) {
                throw new IOException("childStart not ascending at " + s);
            }
        }
        Ints.check(childTarget, 1, states - 1, "childTarget");
        Ints.check(fail, 0, states - 1, "fail");
        Ints.check(firstOut, NONE, states - 1, "firstOut");
        Ints.check(nextOut, NONE, states - 1, "nextOut");
        Ints.check(outHead, NONE, n - 1, "outHead");
        Ints.check(patNext, NONE, n - 1, "patNext");
        // A confirmed match reads patterns[p].length bytes back from the match end: the pattern
        // must be exactly as deep as the state it ends in, which a breadth-first walk gives.
        int[] depth = new int[states];
        boolean[] reached = new boolean[states];
        for (int s = 0; s < states; s++) {
            for (int i = childStart[s]; i < childStart[s + 1]; i++) {
                int c = childTarget[i];
                if (c <= s || reached[c]) {
                    throw new IOException("state " + c + " is not a breadth-first child of " + s);
                }
                reached[c] = true;
                depth[c] = depth[s] + 1;
            }
        }
        int[] root = new int[256];
        for (int i = childStart[0]; i < childStart[1]; i++) {
            root[childLabel[i] & 0xff] = childTarget[i];
        }
        if (!Arrays.equals(root, rootNext)) {
            throw new IOException("root row does not match the root's children");
        }
        for (int s = 0; s < states; s++) {
            for (int p = outHead[s], guard = 0; p != NONE; p = patNext[p]) {
                if (pats[p].length != depth[s] || ++guard > n) {
                    throw new IOException("pattern " + p + " does not end at depth " + depth[s]);
                }
            }
            if (s > 0 && depth[fail[s]] >= depth[s]) {
                throw new IOException("failure link of state " + s + " does not go up");
            }
            if ((firstOut[s] != NONE && depth[firstOut[s]] > depth[s])
                    || (nextOut[s] != NONE && depth[nextOut[s]] >= depth[s])) {
                throw new IOException("output chain of state " + s + " does not go up");
            }
        }
        return new AhoCorasickMatcher(ids, pats, nc, rootNext, childStart, childLabel, childTarget, fail,
                firstOut, nextOut, outHead, patNext);
    }
}
