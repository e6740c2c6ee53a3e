package dev.rampart.engine.detect.payload;

import dev.rampart.rules.keyword.payload.ByteTestOption.Operator;

/** byte_test: read a number (binary or text) and compare it, unsigned 64 bit. */
final class ByteTestStep extends InspectStep {
    final Operand nbytes;
    final Operand offset;
    final Operand value;
    final boolean negated;
    final Operator operator;
    final boolean relative;
    final boolean little;
    final boolean string;
    final int radix;
    final boolean hasMask;
    final long mask;

    ByteTestStep(Operand nbytes, Operand offset, Operand value, boolean negated, Operator operator, boolean relative,
            boolean little, boolean string, int radix, Long mask) {
        this.nbytes = nbytes;
        this.offset = offset;
        this.value = value;
        this.negated = negated;
        this.operator = operator;
        this.relative = relative;
        this.little = little;
        this.string = string;
        this.radix = radix;
        this.hasMask = mask != null;
        this.mask = mask == null ? 0 : mask;
    }

    @Override
    int inspect(PayloadProgram program, int index, InspectScratch s) {
        int n = (int) nbytes.get(s);
        // A literal 0 is accepted as Suricata accepts it: in string mode its strtoull reads the text
        // that starts there up to the first non-digit (here bounded by the buffer's end); a binary
        // read of no bytes is the value 0. A variable of 0 reads nothing and fails, as there.
        boolean wholeText = n == 0 && string && !nbytes.isVar();
        if (n < 0 || (n == 0 && nbytes.isVar()) || n > (string ? 23 : 8) || s.len == 0) {
            return NO_MATCH;
        }
        long ptr;
        long remaining;
        int off = (int) offset.get(s);
        if (relative) {
            ptr = (long) s.bufferOffset + off;
            remaining = (long) s.len - s.bufferOffset - off;
            if (remaining <= 0) {
                return NO_MATCH;
            }
        } else {
            ptr = off;
            remaining = (long) s.len - off;
        }
        if (ptr < 0 || n > remaining) {
            return NO_MATCH;
        }
        if (wholeText) {
            n = (int) remaining;
        }
        if (ByteReader.number(s, ptr, n, string, radix, little) == ByteReader.FAILED) {
            return NO_MATCH;
        }
        long val = s.numberOut[0];
        if (hasMask) {
            val = ByteReader.applyMask(val, mask);
        }
        long v = value.get(s);
        boolean ok = switch (operator) {
            case EQ -> val == v;
            case LT -> Long.compareUnsigned(val, v) < 0;
            case GT -> Long.compareUnsigned(val, v) > 0;
            case LE -> Long.compareUnsigned(val, v) <= 0;
            case GE -> Long.compareUnsigned(val, v) >= 0;
            case AND -> (val & v) != 0;
            case OR -> (val ^ v) != 0;
        };
        return ok != negated ? program.next(index, s) : NO_MATCH;
    }
}
