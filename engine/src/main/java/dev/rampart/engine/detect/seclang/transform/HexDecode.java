package dev.rampart.engine.detect.seclang.transform;

/** {@code t:hexDecode}: hex digit pairs to bytes; like ModSecurity it does not validate the digits (x2c on whatever is there) and drops an odd last char. */
public final class HexDecode implements Transformation {
    @Override
    public String apply(String value) {
        int n = value.length() / 2;
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = Latin1.x2c(value.charAt(2 * i), value.charAt(2 * i + 1));
        }
        return Latin1.result(value, out, n);
    }
}
