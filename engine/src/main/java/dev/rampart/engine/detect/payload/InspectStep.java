package dev.rampart.engine.detect.payload;

/**
 * One compiled payload keyword. {@link #inspect} evaluates the keyword at position {@code index}
 * of the program and, when it matches, continues with the rest of the program itself (through
 * {@link PayloadProgram#next}), so that a keyword that can match in more than one place (content,
 * pcre) can retry at its next occurrence when the rest fails — Suricata's recursive inspection.
 */
abstract class InspectStep {
    /** The rest of the program cannot match from here; a preceding keyword may retry elsewhere. */
    static final int NO_MATCH = 0;
    /** The rest of the program matched. */
    static final int MATCH = 1;
    /** Give up the whole inspection: no retry of earlier keywords can change the outcome. */
    static final int DISCONTINUE = -1;

    /**
     * A later keyword is relative to this one and depends on where it matched (Suricata's
     * RELATIVE_NEXT on a content or pcre: a within, isdataat/byte_* relative or pcre /R follows).
     */
    boolean relativeNext;

    abstract int inspect(PayloadProgram program, int index, InspectScratch s);

    /** Marks that a later keyword is relative to this one. */
    void markRelativeNext() {
        relativeNext = true;
    }

    /** Whether this step is a match position a later relative keyword refers to (content, pcre). */
    boolean isAnchor() {
        return false;
    }
}
