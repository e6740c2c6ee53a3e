package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:sqlHexDecode}: each 0xHH... run (hex digit pairs after "0x"/"0X") becomes its bytes;
 * "0x" without a digit pair stays. As ModSecurity: the byte right after a decoded run is copied
 * unexamined (so "0x410x42" gives "A0x42"), and the value ends at the first NUL.
 */
public final class SqlHexDecode implements Transformation {
    @Override
    public String apply(String value) {
        int n = Latin1.cString(value);
        char[] out = new char[n];
        int d = 0;
        int p = 0;
        while (p < n) {
            if (value.charAt(p) == '0' && p + 3 < n && (value.charAt(p + 1) | 0x20) == 'x'
                    && Latin1.isHex(value.charAt(p + 2)) && Latin1.isHex(value.charAt(p + 3))) {
                p += 2;
                while (p + 1 < n && Latin1.isHex(value.charAt(p)) && Latin1.isHex(value.charAt(p + 1))) {
                    out[d++] = Latin1.x2c(value.charAt(p), value.charAt(p + 1));
                    p += 2;
                }
                if (p < n) {
                    out[d++] = value.charAt(p++);
                }
            } else {
                out[d++] = value.charAt(p++);
            }
        }
        return Latin1.result(value, out, d);
    }
}
