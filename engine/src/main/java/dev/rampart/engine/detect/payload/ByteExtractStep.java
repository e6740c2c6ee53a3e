package dev.rampart.engine.detect.payload;

/**
 * byte_extract: read a number into a variable slot (times the multiplier, rounded up to the
 * alignment) and move the previous-match position to just after the bytes read.
 */
final class ByteExtractStep extends InspectStep {
    final int nbytes;
    final int offset;
    final int slot;
    final boolean relative;
    final long multiplier;
    final boolean little;
    final boolean string;
    final int radix;
    final int align;
    final boolean slice;

    ByteExtractStep(int nbytes, int offset, int slot, boolean relative, int multiplier, boolean little,
            boolean string, int radix, int align, boolean slice) {
        this.nbytes = nbytes;
        this.offset = offset;
        this.slot = slot;
        this.relative = relative;
        this.multiplier = multiplier;
        this.little = little;
        this.string = string;
        this.radix = radix;
        this.align = align;
        this.slice = slice;
    }

    @Override
    int inspect(PayloadProgram program, int index, InspectScratch s) {
        if (s.len == 0) {
            return NO_MATCH;
        }
        long ptr;
        long remaining;
        if (relative) {
            ptr = (long) s.bufferOffset + offset;
            remaining = (long) s.len - s.bufferOffset - offset;
            if (remaining <= 0) {
                return NO_MATCH;
            }
        } else {
            ptr = offset;
            remaining = (long) s.len - offset;
        }
        int n = nbytes;
        if (slice && n > remaining && remaining > 0) {
            n = (int) remaining;
        }
        if (ptr < 0 || n > remaining) {
            return NO_MATCH;
        }
        int consumed = ByteReader.number(s, ptr, n, string, radix, little);
        if (consumed == ByteReader.FAILED) {
            return NO_MATCH;
        }
        long val = s.numberOut[0];
        val *= multiplier;
        if (align != 0 && Long.remainderUnsigned(val, align) != 0) {
            val += align - Long.remainderUnsigned(val, align);
        }
        s.variables[slot] = val;
        s.bufferOffset = (int) (ptr + consumed);
        return program.next(index, s);
    }
}
