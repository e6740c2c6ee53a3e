package dev.rampart.engine.detect.payload;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pcre, evaluated with java.util.regex on the pattern {@link PcreTranslator} produced. Relative
 * (/R) patterns see the buffer from the previous match end on, as a subject of their own (so ^
 * and lookbehinds stop there, as in PCRE). When a later keyword is relative to this one and fails,
 * the search is repeated from one past the start of the previous match. Every character read counts against the worker's
 * budget; an exhausted budget is no match, negated or not, like a PCRE match-limit error.
 */
final class PcreStep extends InspectStep {
    private static final java.util.concurrent.atomic.AtomicInteger SLOTS = new java.util.concurrent.atomic.AtomicInteger();

    final Pattern pattern;
    final boolean negated;
    final boolean relative;
    final boolean anchored;
    /** Index of this step's matcher in every {@link InspectScratch}. */
    final int matcherSlot = SLOTS.getAndIncrement();

    PcreStep(Pattern pattern, boolean negated, boolean relative, boolean anchored) {
        this.pattern = pattern;
        this.negated = negated;
        this.relative = relative;
        this.anchored = anchored;
    }

    @Override
    boolean isAnchor() {
        return true;
    }

    @Override
    int inspect(PayloadProgram program, int index, InspectScratch s) {
        final int prevBufferOffset = s.bufferOffset;
        s.pcreMatchStartOffset = 0;
        while (true) {
            if (!payloadMatch(s)) {
                return NO_MATCH;
            }
            if (!relativeNext) {
                return program.next(index, s);
            }
            final int prevStart = s.pcreMatchStartOffset;
            int r = program.next(index, s);
            if (r != NO_MATCH) {
                return r;
            }
            if (prevStart == 0) {
                // negated pcre: there is no other occurrence to try
                return NO_MATCH;
            }
            s.bufferOffset = prevBufferOffset;
            s.pcreMatchStartOffset = prevStart;
        }
    }

    /** One pcre evaluation: true when the keyword holds (the expression matched, or did not when negated). */
    private boolean payloadMatch(InspectScratch s) {
        final int subjectStart = relative ? s.bufferOffset : 0;
        final int subjectLength = s.len - subjectStart;
        // a retry starts one past the start of the previous match of this pcre
        final int startOffset = s.pcreMatchStartOffset != 0 ? s.pcreMatchStartOffset - subjectStart : 0;
        if (startOffset < 0 || startOffset > subjectLength) {
            return false; // PCRE2 refuses such a start offset: an error, not a "no match"
        }
        s.pcreInput.reset(s.data, s.base + subjectStart, subjectLength, s.pcreBudget);
        Matcher m = s.matcher(this);
        boolean found;
        try {
            m.reset();
            m.region(startOffset, subjectLength);
            found = anchored ? m.lookingAt() : m.find();
        } catch (BudgetedBytes.Exhausted | StackOverflowError e) {
            s.pcreBudgetExceeded++;
            return false;
        }
        if (!found) {
            return negated;
        }
        if (negated) {
            return false;
        }
        s.bufferOffset = subjectStart + m.end();
        s.pcreMatchStartOffset = subjectStart + m.start() + 1;
        return true;
    }
}
