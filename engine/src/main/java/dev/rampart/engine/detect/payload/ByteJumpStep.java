package dev.rampart.engine.detect.payload;

/**
 * byte_jump: read a number and move the previous-match position by it (times the multiplier,
 * aligned to 4, plus post_offset), from the bytes read, the buffer start or its end. A jump before
 * the start lands on the start; past the end fails.
 */
final class ByteJumpStep extends InspectStep {
    /** Far enough outside any buffer to stand for "overflowed" without wrapping a long. */
    private static final long FAR = 1L << 40;

    final Operand nbytes;
    final Operand offset;
    final boolean relative;
    final long multiplier;
    final boolean little;
    final boolean string;
    final int radix;
    final boolean align;
    final boolean fromBeginning;
    final boolean fromEnd;
    final long postOffset;
    final boolean hasMask;
    final long mask;

    ByteJumpStep(Operand nbytes, Operand offset, boolean relative, int multiplier, boolean little, boolean string,
            int radix, boolean align, boolean fromBeginning, boolean fromEnd, int postOffset, Long mask) {
        this.nbytes = nbytes;
        this.offset = offset;
        this.relative = relative;
        this.multiplier = multiplier;
        this.little = little;
        this.string = string;
        this.radix = radix;
        this.align = align;
        this.fromBeginning = fromBeginning;
        this.fromEnd = fromEnd;
        this.postOffset = postOffset;
        this.hasMask = mask != null;
        this.mask = mask == null ? 0 : mask;
    }

    @Override
    int inspect(PayloadProgram program, int index, InspectScratch s) {
        int n = (int) nbytes.get(s);
        if (s.len == 0 || (nbytes.isVar() && (n < 1 || n > (string ? 23 : 8)))) {
            return NO_MATCH;
        }
        int off = (int) offset.get(s);
        long ptr = off;
        long remaining = (long) s.len - off;
        if (relative) {
            ptr += s.bufferOffset;
            remaining -= s.bufferOffset;
            if (n != 0 && remaining <= 0) {
                return NO_MATCH;
            }
        }
        if (ptr < 0 || n > remaining) {
            return NO_MATCH;
        }
        int consumed = ByteReader.number(s, ptr, n, string, radix, little);
        if (consumed == ByteReader.FAILED) {
            return NO_MATCH;
        }
        long val = s.numberOut[0];
        if (hasMask) {
            val = ByteReader.applyMask(val, mask);
        }
        val *= multiplier;
        if (align && Long.remainderUnsigned(val, 4) != 0) {
            val += 4 - Long.remainderUnsigned(val, 4);
        }
        val += postOffset;
        // from here on val is a signed 64-bit displacement, as Suricata casts it
        long target;
        if (val > FAR) {
            return NO_MATCH;
        } else if (val < -FAR) {
            target = -1;
        } else if (fromBeginning) {
            target = val;
        } else if (fromEnd) {
            target = s.len + val;
        } else {
            target = ptr + val + consumed;
        }
        if (target < 0) {
            target = 0;
        } else if (target > s.len) {
            return NO_MATCH;
        }
        s.bufferOffset = (int) target;
        return program.next(index, s);
    }
}
