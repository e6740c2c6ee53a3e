package dev.rampart.engine.detect.seclang.transform;

/** {@code t:parityEven7bit}: sets bit 7 when the byte's 8-bit parity is odd, clears it otherwise. */
public final class ParityEven7bit implements Transformation {
    @Override
    public String apply(String value) {
        char[] out = value.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            out[i] = Parity.odd(c) ? (char) (c | 0x80) : (char) (c & 0x7F);
        }
        return Latin1.result(value, out, out.length);
    }
}
