package dev.rampart.alerts;

import java.util.Arrays;

/**
 * The writer's record of which journal entry carries each rule's texts in the current cycle file
 * (schema version 3): an open-addressing table keyed by gid:sid:rev. A hit needs the same cycle and
 * the same texts, compared in full: a reloaded rule may change its msg or metadata without a new
 * rev, and an alert must never be journaled with another rule version's texts.
 */
final class RuleTextCache {
    /** Rules remembered before the table is emptied (each then writes its texts once more). */
    private static final int MAX_RULES = 1 << 16;

    private static final class Slot {
        int gid;
        long sid;
        int rev;
        int cycle;
        long entry;
        /** msg, classtype, category and metadata, one after the other. */
        char[] text = new char[256];
        int msgEnd;
        int classtypeEnd;
        int categoryEnd;
        int metadataEnd;
    }

    private Slot[] slots = new Slot[1024];
    private int used;
    /** One text field's characters, copied out of its StringBuilder in one call. */
    private char[] probe = new char[256];

    /**
     * The journal index of the entry of cycle {@code cycle} that carries {@code a}'s rule texts, or
     * {@link JournalSchema#NO_RULE_ENTRY} when none does.
     */
    long find(AlertRecord a, int cycle) {
        Slot s = slots[indexOf(a.gid, a.sid, a.rev)];
        if (s == null || s.cycle != cycle || !sameTexts(s, a)) {
            return JournalSchema.NO_RULE_ENTRY;
        }
        return s.entry;
    }

    /** Remembers that entry {@code entry} of cycle {@code cycle} carries {@code a}'s rule texts. */
    void remember(AlertRecord a, int cycle, long entry) {
        int i = indexOf(a.gid, a.sid, a.rev);
        Slot s = slots[i];
        if (s == null) {
            if (used + 1 > MAX_RULES) {
                Arrays.fill(slots, null);
                used = 0;
            } else if ((used + 1) * 2 > slots.length) {
                grow();
            }
            i = indexOf(a.gid, a.sid, a.rev);
            s = new Slot();
            slots[i] = s;
            used++;
        }
        s.gid = a.gid;
        s.sid = a.sid;
        s.rev = a.rev;
        s.cycle = cycle;
        s.entry = entry;
        int n = a.msg.length() + a.classtype.length() + a.category.length() + a.metadata.length();
        if (s.text.length < n) {
            s.text = new char[Math.max(n, s.text.length * 2)];
        }
        s.msgEnd = copy(a.msg, s.text, 0);
        s.classtypeEnd = copy(a.classtype, s.text, s.msgEnd);
        s.categoryEnd = copy(a.category, s.text, s.classtypeEnd);
        s.metadataEnd = copy(a.metadata, s.text, s.categoryEnd);
    }

    /** Forgets every rule (the next alert of each writes its texts again). */
    void clear() {
        Arrays.fill(slots, null);
        used = 0;
    }

    private static int copy(StringBuilder from, char[] to, int at) {
        int n = from.length();
        from.getChars(0, n, to, at);
        return at + n;
    }

    private boolean sameTexts(Slot s, AlertRecord a) {
        return same(a.msg, s.text, 0, s.msgEnd)
                && same(a.classtype, s.text, s.msgEnd, s.classtypeEnd)
                && same(a.category, s.text, s.classtypeEnd, s.categoryEnd)
                && same(a.metadata, s.text, s.categoryEnd, s.metadataEnd);
    }

    private boolean same(StringBuilder text, char[] stored, int from, int to) {
        int n = text.length();
        if (n != to - from) {
            return false;
        }
        char[] c = probe.length >= n ? probe : (probe = new char[Math.max(n, probe.length * 2)]);
        text.getChars(0, n, c, 0);
        return Arrays.equals(c, 0, n, stored, from, to);
    }

    /** The slot of gid:sid:rev, or the empty slot where it would go (linear probing). */
    private int indexOf(int gid, long sid, int rev) {
        int mask = slots.length - 1;
        int i = (int) mix(sid * 31 + (((long) gid << 32) | (rev & 0xFFFF_FFFFL))) & mask;
        while (true) {
            Slot s = slots[i];
            if (s == null || (s.sid == sid && s.gid == gid && s.rev == rev)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        Slot[] old = slots;
        slots = new Slot[old.length * 2];
        for (Slot s : old) {
            if (s != null) {
                slots[indexOf(s.gid, s.sid, s.rev)] = s;
            }
        }
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }
}
