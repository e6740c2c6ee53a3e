package dev.rampart.engine.detect.payload;

import dev.rampart.rules.keyword.payload.ByteMathOption.Operator;

/**
 * byte_math: read a number, combine it with a constant or variable, mask it and store it in a
 * variable slot; the previous-match position moves to just after the bytes read.
 */
final class ByteMathStep extends InspectStep {
    final Operand nbytes;
    final int offset;
    final Operator operator;
    final Operand rvalue;
    final int slot;
    final boolean relative;
    final boolean little;
    final boolean string;
    final int radix;
    final boolean hasMask;
    final long mask;

    ByteMathStep(Operand nbytes, int offset, Operator operator, Operand rvalue, int slot, boolean relative,
            boolean little, boolean string, int radix, Long mask) {
        this.nbytes = nbytes;
        this.offset = offset;
        this.operator = operator;
        this.rvalue = rvalue;
        this.slot = slot;
        this.relative = relative;
        this.little = little;
        this.string = string;
        this.radix = radix;
        this.hasMask = mask != null;
        this.mask = mask == null ? 0 : mask;
    }

    @Override
    int inspect(PayloadProgram program, int index, InspectScratch s) {
        int n = (int) (nbytes.get(s) & 0xFF); // Suricata keeps nbytes in a uint8_t
        if (s.len == 0 || n == 0 || n > 10) {
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
        if (ptr < 0 || n > remaining) {
            return NO_MATCH;
        }
        int consumed = ByteReader.number(s, ptr, n, string, radix, little);
        if (consumed == ByteReader.FAILED) {
            return NO_MATCH;
        }
        long val = s.numberOut[0];
        s.bufferOffset = (int) (ptr + consumed);
        long r = rvalue.get(s);
        switch (operator) {
            case ADD -> val += r;
            case SUB -> val -= r;
            case MUL -> val *= r;
            case DIV -> {
                if (r == 0) {
                    return NO_MATCH;
                }
                val = Long.divideUnsigned(val, r);
            }
            case SHL -> val = Long.compareUnsigned(r, 64) < 0 ? val << r : 0;
            case SHR -> val = Long.compareUnsigned(r, 64) < 0 ? val >>> r : 0;
        }
        if (hasMask) {
            val = ByteReader.applyMask(val, mask);
        }
        s.variables[slot] = val;
        return program.next(index, s);
    }
}
