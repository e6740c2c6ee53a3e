package dev.rampart.engine.detect.mpm;

/**
 * Suricata's estimate of how selective a pattern is ({@code PatternStrength} in
 * detect-engine-mpm.c): each distinct byte scores by class (ASCII letter 3; other printable, NUL,
 * 0x01 and 0xFF 4; anything else 6), each repeated byte 1. So longer and more varied wins, and
 * letters, the commonest bytes in traffic, count least. Classes are C-locale {@code isalpha} /
 * {@code isprint}.
 */
public final class PatternStrength {
    private PatternStrength() {
    }

    public static int of(byte[] pat, int off, int len) {
        boolean[] seen = new boolean[256];
        int score = 0;
        for (int i = off; i < off + len; i++) {
            int c = pat[i] & 0xff;
            if (seen[c]) {
                score++;
                continue;
            }
            seen[c] = true;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                score += 3;
            } else if ((c >= 0x20 && c <= 0x7e) || c == 0x00 || c == 0x01 || c == 0xff) {
                score += 4;
            } else {
                score += 6;
            }
        }
        return score;
    }

    public static int of(byte[] pat) {
        return of(pat, 0, pat.length);
    }
}
