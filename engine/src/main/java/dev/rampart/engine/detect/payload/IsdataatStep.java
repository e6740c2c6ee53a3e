package dev.rampart.engine.detect.payload;

/** isdataat: is there a byte at this (absolute or relative) position; negated: is there none. */
final class IsdataatStep extends InspectStep {
    /** Variables this large are "no data there" outright, as in Suricata. */
    private static final long HUGE = 100_000_000L;

    final Operand position;
    final boolean negated;
    final boolean relative;

    IsdataatStep(Operand position, boolean negated, boolean relative) {
        this.position = position;
        this.negated = negated;
        this.relative = relative;
    }

    @Override
    int inspect(PayloadProgram program, int index, InspectScratch s) {
        long at = position.get(s);
        if (position.isVar() && Long.compareUnsigned(at, HUGE) >= 0) {
            return negated ? program.next(index, s) : NO_MATCH;
        }
        // a constant position cannot change with earlier keywords: failing it ends the inspection
        final int fail = position.isVar() ? NO_MATCH : DISCONTINUE;
        if (relative) {
            if (s.bufferOffset + at > s.len) {
                return negated ? program.next(index, s) : fail;
            }
            return negated ? NO_MATCH : program.next(index, s);
        }
        if (at < s.len) {
            return negated ? fail : program.next(index, s);
        }
        return negated ? program.next(index, s) : fail;
    }
}
