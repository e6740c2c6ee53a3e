package dev.rampart.engine.detect.transform;

import dev.rampart.rules.keyword.transform.FromBase64;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One buffer transform: reads {@code in[off, off+len)}, writes the result to {@code out}, returns its length. */
abstract class Transform {
    abstract int apply(byte[] in, int off, int len, byte[] out);

    /** Upper bound of the output length for an input of {@code len} bytes. */
    int maxOutput(int len) {
        return len;
    }

    /** C's isspace in the "C" locale. */
    static boolean isSpace(int c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    static final Transform TO_LOWERCASE = new Transform() {
        @Override
        int apply(byte[] in, int off, int len, byte[] out) {
            for (int i = 0; i < len; i++) {
                byte b = in[off + i];
                out[i] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
            }
            return len;
        }
    };

    static final Transform TO_UPPERCASE = new Transform() {
        @Override
        int apply(byte[] in, int off, int len, byte[] out) {
            for (int i = 0; i < len; i++) {
                byte b = in[off + i];
                out[i] = b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
            }
            return len;
        }
    };

    static final Transform STRIP_WHITESPACE = new Transform() {
        @Override
        int apply(byte[] in, int off, int len, byte[] out) {
            int n = 0;
            for (int i = 0; i < len; i++) {
                byte b = in[off + i];
                if (!isSpace(b)) {
                    out[n++] = b;
                }
            }
            return n;
        }
    };

    /** A run of whitespace keeps its first character (Suricata's behaviour, not a single space). */
    static final Transform COMPRESS_WHITESPACE = new Transform() {
        @Override
        int apply(byte[] in, int off, int len, byte[] out) {
            int n = 0;
            boolean prevSpace = false;
            for (int i = 0; i < len; i++) {
                byte b = in[off + i];
                boolean sp = isSpace(b);
                if (!sp || !prevSpace) {
                    out[n++] = b;
                }
                prevSpace = sp;
            }
            return n;
        }
    };

    static final Transform DOTPREFIX = new Transform() {
        @Override
        int apply(byte[] in, int off, int len, byte[] out) {
            if (len == 0) {
                return 0;
            }
            out[0] = '.';
            System.arraycopy(in, off, out, 1, len);
            return len + 1;
        }

        @Override
        int maxOutput(int len) {
            return len + 1;
        }
    };

    /** %XX (valid hex digits) decoded, '+' to space; anything else copied. */
    static final Transform URL_DECODE = new Transform() {
        @Override
        int apply(byte[] in, int off, int len, byte[] out) {
            int n = 0;
            for (int i = 0; i < len; i++) {
                byte b = in[off + i];
                if (b == '%' && i + 2 < len && hex(in[off + i + 1]) >= 0 && hex(in[off + i + 2]) >= 0) {
                    out[n++] = (byte) (hex(in[off + i + 1]) << 4 | hex(in[off + i + 2]));
                    i += 2;
                } else if (b == '+') {
                    out[n++] = ' ';
                } else {
                    out[n++] = b;
                }
            }
            return n;
        }
    };

    /** Lower-cases header names ("Name: value" lines), leaving values alone. */
    static final Transform HEADER_LOWERCASE = new Transform() {
        @Override
        int apply(byte[] in, int off, int len, byte[] out) {
            boolean inName = true;
            for (int i = 0; i < len; i++) {
                byte b = in[off + i];
                if (b == '\n') {
                    inName = true;
                } else if (b == ':' && inName) {
                    inName = false;
                } else if (inName && b >= 'A' && b <= 'Z') {
                    b = (byte) (b + 32);
                }
                out[i] = b;
            }
            return len;
        }
    };

    /** Drops header lines that start with ':' (HTTP/2 pseudo headers). */
    static final Transform STRIP_PSEUDO_HEADERS = new Transform() {
        @Override
        int apply(byte[] in, int off, int len, byte[] out) {
            int n = 0;
            int i = 0;
            while (i < len) {
                int end = i;
                while (end < len && in[off + end] != '\n') {
                    end++;
                }
                if (end < len) {
                    end++;
                }
                if (in[off + i] != ':') {
                    System.arraycopy(in, off + i, out, n, end - i);
                    n += end - i;
                }
                i = end;
            }
            return n;
        }
    };

    static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    static Transform xor(byte[] key) {
        return new Transform() {
            @Override
            int apply(byte[] in, int off, int len, byte[] out) {
                for (int i = 0; i < len; i++) {
                    out[i] = (byte) (in[off + i] ^ key[i % key.length]);
                }
                return len;
            }
        };
    }

    static Transform digest(String algorithm) {
        try {
            MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm, e);
        }
        return new Transform() {
            private final ThreadLocal<MessageDigest> md = ThreadLocal.withInitial(() -> {
                try {
                    return MessageDigest.getInstance(algorithm);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });

            @Override
            int apply(byte[] in, int off, int len, byte[] out) {
                MessageDigest d = md.get();
                d.reset();
                d.update(in, off, len);
                byte[] h = d.digest();
                System.arraycopy(h, 0, out, 0, h.length);
                return h.length;
            }

            @Override
            int maxOutput(int len) {
                return 32;
            }
        };
    }

    /** The buffer becomes the first capture group of the first match; unchanged without a match. */
    static Transform pcrexform(String regex) throws TransformChain.Unsupported {
        Pattern p;
        try {
            p = Pattern.compile(regex, Pattern.DOTALL);
        } catch (RuntimeException e) {
            throw new TransformChain.Unsupported("pcrexform: " + e.getMessage());
        }
        return new Transform() {
            @Override
            int apply(byte[] in, int off, int len, byte[] out) {
                String s = new String(in, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
                Matcher m = p.matcher(s);
                if (m.find() && m.groupCount() >= 1 && m.group(1) != null) {
                    int st = m.start(1);
                    int en = m.end(1);
                    System.arraycopy(in, off + st, out, 0, en - st);
                    return en - st;
                }
                System.arraycopy(in, off, out, 0, len);
                return len;
            }
        };
    }

    /** Base64 decoding of {@code [offset, offset+bytes)} (0 bytes: to the end); invalid input stops decoding. */
    static Transform fromBase64(int bytes, int offset, FromBase64.Mode mode) {
        return new Transform() {
            @Override
            int apply(byte[] in, int off, int len, byte[] out) {
                int start = Math.min(offset, len);
                int end = bytes > 0 ? Math.min(len, start + bytes) : len;
                return Base64.decode(in, off + start, end - start, out, mode);
            }
        };
    }
}
