package dev.rampart.engine.detect.payload;

/**
 * base64_decode: decodes part of the buffer (from the previous match when relative, after
 * {@code offset}, at most {@code bytes}) the way Suricata's detection does (relaxed mode: stop at
 * the first byte outside the alphabet, '=' pads, a partial last block is decoded when no bad byte
 * was seen) and inspects the result with the rule's base64_data program. Suricata treats
 * base64_data as the terminal list: its result is the rule's result.
 */
final class Base64DecodeStep extends InspectStep {
    /** Suricata's cap when the rule gives no byte count. */
    static final int MAX_BYTES = 65535;

    final int bytes;
    final long offset;
    final boolean relative;
    /** The base64_data options, or null when the rule has none. */
    final PayloadProgram data;

    Base64DecodeStep(Long bytes, Long offset, boolean relative, PayloadProgram data) {
        this.bytes = bytes == null || bytes == 0 ? MAX_BYTES : (int) Math.min(bytes, MAX_BYTES);
        this.offset = offset == null ? 0 : offset;
        this.relative = relative;
        this.data = data;
    }

    @Override
    int inspect(PayloadProgram program, int index, InspectScratch s) {
        int start = relative ? s.bufferOffset : 0;
        int avail = s.len - start;
        if (offset > 0) {
            if (offset >= avail) {
                return NO_MATCH;
            }
            start += (int) offset;
            avail -= (int) offset;
        }
        int n = Math.max(0, Math.min(avail, bytes));
        byte[] out = s.base64Out(bytes);
        int decoded = decode(s.data, s.base + start, n, out);
        if (decoded == 0) {
            return NO_MATCH;
        }
        if (data == null) {
            return program.next(index, s);
        }
        return data.match(out, 0, decoded, s.nested()) ? MATCH : NO_MATCH;
    }

    /** Relaxed base64 decoding of {@code src[off, off + len)} into {@code out}; returns the bytes decoded. */
    static int decode(byte[] src, int off, int len, byte[] out) {
        int decoded = 0;
        int block = 0;
        int filled = 0;
        int padding = 0;
        boolean valid = true;
        for (int i = 0; i < len; i++) {
            int b = src[off + i] & 0xFF;
            int v = dev.rampart.engine.applayer.Base64Alphabet.sextet(b);
            if (v < 0) {
                if (b != '=') {
                    valid = false;
                    break;
                }
                padding++;
                v = 0;
            }
            block = (block << 6) | v;
            if (++filled == 4) {
                int take = 3 - Math.min(padding, 3);
                if (decoded + take > out.length) {
                    return decoded;
                }
                // the whole block is written (as Suricata does); only `take` bytes count
                for (int k = 0; k < 3 && decoded + k < out.length; k++) {
                    out[decoded + k] = (byte) (block >>> (16 - 8 * k));
                }
                decoded += take;
                block = 0;
                filled = 0;
                padding = 0;
            }
        }
        if (valid && filled > 0) {
            block <<= 6 * (4 - filled);
            int take = filled - 1;
            for (int k = 0; k < take && decoded < out.length; k++) {
                out[decoded++] = (byte) (block >>> (16 - 8 * k));
            }
        }
        return decoded;
    }
}
