package dev.rampart.engine.detect.mpm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

final class MatcherTestSupport {
    private MatcherTestSupport() {
    }

    static MpmPattern p(int id, String ascii, boolean nocase) {
        return new MpmPattern(id, ascii.getBytes(StandardCharsets.ISO_8859_1), nocase);
    }

    static TreeSet<Integer> scanIds(MultiPatternMatcher m, MpmScratch s, byte[] data, int off, int len) {
        TreeSet<Integer> ids = new TreeSet<>();
        List<Integer> order = new ArrayList<>();
        int n = m.scan(data, off, len, id -> {
            order.add(id);
            ids.add(id);
        }, s);
        if (n != order.size() || order.size() != ids.size()) {
            throw new AssertionError("reported " + order + " (count " + n + "): an id twice or a wrong count");
        }
        return ids;
    }

    static TreeSet<Integer> scanIds(MultiPatternMatcher m, MpmScratch s, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return scanIds(m, s, b, 0, b.length);
    }

    /** The obvious answer: every pattern tried at every offset. */
    static TreeSet<Integer> naive(List<MpmPattern> patterns, byte[] data, int off, int len) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (MpmPattern p : patterns) {
            byte[] pb = p.bytes();
            outer:
            for (int i = off; i + pb.length <= off + len; i++) {
                for (int j = 0; j < pb.length; j++) {
                    byte a = data[i + j];
                    byte b = pb[j];
                    if (p.nocase()) {
                        a = AhoCorasickMatcher.fold(a);
                        b = AhoCorasickMatcher.fold(b);
                    }
                    if (a != b) {
                        continue outer;
                    }
                }
                ids.add(p.id());
                break;
            }
        }
        return ids;
    }
}
