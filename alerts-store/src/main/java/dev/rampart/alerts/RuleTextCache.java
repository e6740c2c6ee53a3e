package dev.rampart.alerts;

import java.util.Arrays;

/**
 * The writer's record of which journal entry carries each rule's texts and EVE rule span in the
 * current cycle file (schema versions 3 and 5): an open-addressing table keyed by gid:sid:rev. A
 * hit needs the same cycle, the same texts and the same span bytes, compared in full: a reloaded
 * rule may change its msg or metadata without a new rev, and an alert must never be journaled with
 * another rule version's texts. A producer that sets {@link AlertRecord#ruleKey} vouches that
 * alerts with that key carry the same texts and span: the same key found again skips the
 * comparison (reading four texts of a rule is most of the cost of finding it when a few thousand
 * rules alert); only the span's length is checked.
 */
final class RuleTextCache {
    /** Rules remembered before the table is emptied (each then writes its texts once more). */
    private static final int MAX_RULES = 1 << 16;
    private static final int TEXTS = 4;

    /*
     * Keys in primitive arrays, so that a probe touches one or two cache lines; a slot's texts are
     * StringBuilder copies, compared with StringBuilder.compareTo (a vectorised byte mismatch for
     * ASCII texts, no copying).
     */
    private long[] sids = new long[1024];
    /** gid in the high 32 bits, rev in the low; a free slot has sid -1 (a rule's sid is 32 bits unsigned). */
    private long[] gidRevs = new long[1024];
    private int[] cycles = new int[1024];
    private long[] entries = new long[1024];
    /** msg, classtype, category, metadata of slot i at {@code texts[i * 4 ..]}. */
    private StringBuilder[] texts = new StringBuilder[1024 * TEXTS];
    /** The producer's {@link AlertRecord#ruleKey} of the texts in the slot, or null. */
    private Object[] keys = new Object[1024];
    /** The EVE rule span of the entry in the slot (empty when it had none). */
    private byte[][] spans = new byte[1024][];
    /** Their lengths, beside the keys: a keyed hit checks the length without touching the span's array. */
    private int[] spanLengths = new int[1024];
    private static final byte[] NO_SPAN = new byte[0];
    /**
     * The entry in the slot keeps EVE fields (schema v6), not a line: then {@link #spans} holds the
     * rule's EVE identity bytes, {@link #metas} its metadata bytes and {@link #targets} its target.
     */
    private boolean[] fieldForms = new boolean[1024];
    private byte[][] metas = new byte[1024][];
    private byte[] targets = new byte[1024];
    private int used;

    RuleTextCache() {
        Arrays.fill(sids, -1L);
        Arrays.fill(spans, NO_SPAN);
        Arrays.fill(metas, NO_SPAN);
    }

    /**
     * The journal index of the entry of cycle {@code cycle} that carries {@code a}'s rule texts, or
     * {@link JournalSchema#NO_RULE_ENTRY} when none does.
     */
    long find(AlertRecord a, int cycle) {
        int i = indexOf(a.sid, gidRev(a));
        if (sids[i] == -1L || cycles[i] != cycle) {
            return JournalSchema.NO_RULE_ENTRY;
        }
        Object key = a.ruleKey;
        if (fieldForms[i] != a.eveFields) {
            return JournalSchema.NO_RULE_ENTRY;
        }
        if (a.eveFields) {
            return findFields(a, i, key);
        }
        if (spanLengths[i] != a.eveRuleSpanLength()) {
            return JournalSchema.NO_RULE_ENTRY;
        }
        if (key != null && keys[i] == key) {
            return entries[i];
        }
        a.texts();
        int t = i * TEXTS;
        int from = a.eveRuleSpanStart();
        byte[] span = spans[i];
        if (same(a.msg, texts[t]) && same(a.classtype, texts[t + 1]) && same(a.category, texts[t + 2])
                && same(a.metadata, texts[t + 3])
                && Arrays.equals(a.eveBytes(), from, from + span.length, span, 0, span.length)) {
            keys[i] = key; // the same texts under a new key (a reloaded rule): the next finds it at once
            return entries[i];
        }
        return JournalSchema.NO_RULE_ENTRY;
    }

    /** {@link #find} for an alert with EVE fields, at its rule's slot {@code i}. */
    private long findFields(AlertRecord a, int i, Object key) {
        byte[] identity = a.ruleIdentity();
        if (spanLengths[i] != identity.length || targets[i] != a.ruleTarget()) {
            return JournalSchema.NO_RULE_ENTRY;
        }
        if (key != null && keys[i] == key) {
            return entries[i];
        }
        a.texts();
        int t = i * TEXTS;
        if (same(a.msg, texts[t]) && same(a.classtype, texts[t + 1]) && same(a.category, texts[t + 2])
                && same(a.metadata, texts[t + 3]) && Arrays.equals(identity, spans[i])
                && Arrays.equals(a.ruleMetadata(), metas[i])) {
            keys[i] = key;
            return entries[i];
        }
        return JournalSchema.NO_RULE_ENTRY;
    }

    /** Remembers that entry {@code entry} of cycle {@code cycle} carries {@code a}'s rule texts. */
    void remember(AlertRecord a, int cycle, long entry) {
        if (a.sid == -1L) {
            return; // the free-slot mark, never a rule's sid: such alerts carry their texts
        }
        a.texts();
        long gidRev = gidRev(a);
        int i = indexOf(a.sid, gidRev);
        if (sids[i] == -1L) {
            if (used + 1 > MAX_RULES) {
                clear();
            } else if ((used + 1) * 2 > sids.length) {
                grow();
            }
            i = indexOf(a.sid, gidRev);
            sids[i] = a.sid;
            gidRevs[i] = gidRev;
            used++;
        }
        cycles[i] = cycle;
        entries[i] = entry;
        keys[i] = a.ruleKey;
        int t = i * TEXTS;
        texts[t] = copy(a.msg, texts[t]);
        texts[t + 1] = copy(a.classtype, texts[t + 1]);
        texts[t + 2] = copy(a.category, texts[t + 2]);
        texts[t + 3] = copy(a.metadata, texts[t + 3]);
        fieldForms[i] = a.eveFields;
        if (a.eveFields) {
            // copies: the producer's arrays are the rule's, but a reader's record holds a reader's
            spans[i] = a.ruleIdentity().clone();
            spanLengths[i] = spans[i].length;
            metas[i] = a.ruleMetadata().clone();
            targets[i] = a.ruleTarget();
            return;
        }
        metas[i] = NO_SPAN;
        targets[i] = 0;
        int spanLength = a.eveRuleSpanLength();
        byte[] span = spans[i];
        if (span.length != spanLength) {
            span = spans[i] = spanLength == 0 ? NO_SPAN : new byte[spanLength];
        }
        System.arraycopy(a.eveBytes(), a.eveRuleSpanStart(), span, 0, spanLength);
        spanLengths[i] = spanLength;
    }

    /** Forgets every rule (the next alert of each writes its texts again). */
    void clear() {
        Arrays.fill(sids, -1L);
        Arrays.fill(texts, null);
        Arrays.fill(keys, null);
        Arrays.fill(spans, NO_SPAN);
        Arrays.fill(spanLengths, 0);
        Arrays.fill(fieldForms, false);
        Arrays.fill(metas, NO_SPAN);
        Arrays.fill(targets, (byte) 0);
        used = 0;
    }

    private static long gidRev(AlertRecord a) {
        return ((long) a.gid << 32) | (a.rev & 0xFFFF_FFFFL);
    }

    private static StringBuilder copy(StringBuilder from, StringBuilder to) {
        if (to == null) {
            to = new StringBuilder(from.length());
        }
        to.setLength(0);
        to.append(from);
        return to;
    }

    private static boolean same(StringBuilder text, StringBuilder stored) {
        return text.length() == stored.length() && text.compareTo(stored) == 0;
    }

    /** The slot of sid and gid:rev, or the free slot where it would go (linear probing). */
    private int indexOf(long sid, long gidRev) {
        int mask = sids.length - 1;
        int i = (int) mix(sid * 31 + gidRev) & mask;
        while (true) {
            long s = sids[i];
            if (s == -1L || (s == sid && gidRevs[i] == gidRev)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] oldSids = sids;
        long[] oldGidRevs = gidRevs;
        int[] oldCycles = cycles;
        long[] oldEntries = entries;
        StringBuilder[] oldTexts = texts;
        Object[] oldKeys = keys;
        byte[][] oldSpans = spans;
        int[] oldSpanLengths = spanLengths;
        boolean[] oldFieldForms = fieldForms;
        byte[][] oldMetas = metas;
        byte[] oldTargets = targets;
        int n = oldSids.length * 2;
        sids = new long[n];
        Arrays.fill(sids, -1L);
        gidRevs = new long[n];
        cycles = new int[n];
        entries = new long[n];
        texts = new StringBuilder[n * TEXTS];
        keys = new Object[n];
        spans = new byte[n][];
        Arrays.fill(spans, NO_SPAN);
        spanLengths = new int[n];
        fieldForms = new boolean[n];
        metas = new byte[n][];
        Arrays.fill(metas, NO_SPAN);
        targets = new byte[n];
        for (int j = 0; j < oldSids.length; j++) {
            if (oldSids[j] != -1L) {
                int i = indexOf(oldSids[j], oldGidRevs[j]);
                sids[i] = oldSids[j];
                gidRevs[i] = oldGidRevs[j];
                cycles[i] = oldCycles[j];
                entries[i] = oldEntries[j];
                keys[i] = oldKeys[j];
                spans[i] = oldSpans[j];
                spanLengths[i] = oldSpanLengths[j];
                fieldForms[i] = oldFieldForms[j];
                metas[i] = oldMetas[j];
                targets[i] = oldTargets[j];
                System.arraycopy(oldTexts, j * TEXTS, texts, i * TEXTS, TEXTS);
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
