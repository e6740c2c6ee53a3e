package dev.rampart.engine.detect.seclang.transform;

/** {@code t:parityZero7bit}: clears bit 7 of every byte. */
public final class ParityZero7bit implements Transformation {
    @Override
    public String apply(String value) {
        char[] out = value.toCharArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = (char) (out[i] & 0x7F);
        }
        return Latin1.result(value, out, out.length);
    }
}
