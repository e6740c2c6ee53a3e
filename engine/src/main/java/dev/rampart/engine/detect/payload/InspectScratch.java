package dev.rampart.engine.detect.payload;

import java.util.regex.Matcher;

/**
 * Per-worker mutable state of payload inspection, reused for every call of
 * {@link PayloadProgram#match}: the buffer being inspected, Suricata's {@code buffer_offset} (end
 * of the previous match), the byte_extract / byte_math variable slots, the recursion counter with
 * its limit, the pcre matchers and budget, and counters. Never shared between threads.
 */
public final class InspectScratch {
    /** Suricata's default {@code detect.inspection-recursion-limit}. */
    public static final int DEFAULT_RECURSION_LIMIT = 3000;
    /** Default number of characters one pcre evaluation may read before it counts as no match. */
    public static final long DEFAULT_PCRE_BUDGET = 1_000_000L;

    final int recursionLimit;
    final long pcreBudget;

    // the buffer inspected by the current match() call
    byte[] data;
    int base;
    int len;

    /** End of the previous match, relative to {@link #base} (Suricata's det_ctx->buffer_offset). */
    int bufferOffset;
    /** Where a pcre retry starts (Suricata's pcre_match_start_offset); 0: first try. */
    int pcreMatchStartOffset;
    /** Steps entered in this match() call (Suricata's recursion.count). */
    int recursionCount;

    /** byte_extract / byte_math values, unsigned 64 bit. */
    long[] variables = new long[4];
    /** Out parameter of {@link ByteReader#text}. */
    final long[] numberOut = new long[1];

    final BudgetedBytes pcreInput = new BudgetedBytes();
    private Matcher[] matchers = new Matcher[8];

    /** {@code detect.pcre_budget_exceeded}: pcre evaluations stopped by the budget (counted as no match). */
    long pcreBudgetExceeded;
    /** Inspections stopped by the recursion limit. */
    long recursionLimitReached;

    public InspectScratch() {
        this(DEFAULT_RECURSION_LIMIT, DEFAULT_PCRE_BUDGET);
    }

    public InspectScratch(int recursionLimit, long pcreBudget) {
        if (recursionLimit < 1 || pcreBudget < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.recursionLimit = recursionLimit;
        this.pcreBudget = pcreBudget;
    }

    /** Where the last successful {@link PayloadProgram#match} left its last match (Suricata's buffer_offset after it). */
    public int lastMatchEnd() {
        return bufferOffset;
    }

    public long pcreBudgetExceeded() {
        return pcreBudgetExceeded;
    }

    public long recursionLimitReached() {
        return recursionLimitReached;
    }

    private byte[] base64Out;
    private InspectScratch nested;

    /** Output buffer of base64_decode (created on first use, then reused). */
    byte[] base64Out(int max) {
        if (base64Out == null || base64Out.length < max) {
            base64Out = new byte[max];
        }
        return base64Out;
    }

    /** Scratch for the base64_data program, so the outer inspection's state stays intact. */
    InspectScratch nested() {
        if (nested == null) {
            nested = new InspectScratch(recursionLimit, pcreBudget);
        }
        return nested;
    }

    /** The value of a variable slot after the last match() call (for tests and diagnostics). */
    public long variable(int slot) {
        return variables[slot];
    }

    void ensureVariables(int count) {
        if (variables.length < count) {
            // kept: a rule's later buffer reads what its earlier ones extracted (one map of names per rule)
            variables = java.util.Arrays.copyOf(variables, Math.max(count, variables.length * 2));
        }
    }

    /** This worker's matcher for a pcre step (created on first use, then reused). */
    Matcher matcher(PcreStep step) {
        int slot = step.matcherSlot;
        if (slot >= matchers.length) {
            matchers = java.util.Arrays.copyOf(matchers, Math.max(slot + 1, matchers.length * 2));
        }
        Matcher m = matchers[slot];
        if (m == null || m.pattern() != step.pattern) {
            m = step.pattern.matcher(pcreInput);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            matchers[slot] = m;
        }
        return m;
    }
}
