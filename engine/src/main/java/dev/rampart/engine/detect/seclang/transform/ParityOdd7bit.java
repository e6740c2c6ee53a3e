package dev.rampart.engine.detect.seclang.transform;

/** {@code t:parityOdd7bit}: clears bit 7 when the byte's 8-bit parity is odd, sets it otherwise. */
public final class ParityOdd7bit implements Transformation {
    @Override
    public String apply(String value) {
        char[] out = value.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            out[i] = Parity.odd(c) ? (char) (c & 0x7F) : (char) (c | 0x80);
        }
        return Latin1.result(value, out, out.length);
    }
}
