package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:base64Decode}: as APR's apr_base64_decode, decodes the leading run of base64 alphabet
 * chars and stops at the first other char ('=', space, NUL, ...); a final single leftover char is
 * ignored.
 */
public final class Base64Decode implements Transformation {
    @Override
    public String apply(String value) {
        int n = 0;
        while (n < value.length() && Base64DecodeExt.sextet(value.charAt(n)) >= 0) {
            n++;
        }
        char[] out = new char[n / 4 * 3 + 2];
        int j = 0;
        int i = 0;
        for (; n - i >= 4; i += 4) {
            int v = Base64DecodeExt.sextet(value.charAt(i)) << 18 | Base64DecodeExt.sextet(value.charAt(i + 1)) << 12
                    | Base64DecodeExt.sextet(value.charAt(i + 2)) << 6 | Base64DecodeExt.sextet(value.charAt(i + 3));
            out[j++] = (char) (v >> 16 & 0xFF);
            out[j++] = (char) (v >> 8 & 0xFF);
            out[j++] = (char) (v & 0xFF);
        }
        int rest = n - i;
        if (rest > 1) {
            out[j++] = (char) ((Base64DecodeExt.sextet(value.charAt(i)) << 2 | Base64DecodeExt.sextet(value.charAt(i + 1)) >> 4) & 0xFF);
        }
        if (rest > 2) {
            out[j++] = (char) ((Base64DecodeExt.sextet(value.charAt(i + 1)) << 4 | Base64DecodeExt.sextet(value.charAt(i + 2)) >> 2) & 0xFF);
        }
        return Latin1.result(value, out, j);
    }
}
