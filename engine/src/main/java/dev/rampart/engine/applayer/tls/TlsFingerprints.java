package dev.rampart.engine.applayer.tls;

import dev.rampart.engine.applayer.Hex;
import dev.rampart.engine.applayer.Slice;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * JA3 / JA3S / JA4 as Suricata 7 computes them: GREASE values (0x?a?a) left out everywhere; JA3
 * is "version,ciphers,extensions,groups,point formats" with '-' inside a field; JA4 is
 * "t{version}{d|i}{ciphers:02}{extensions:02}{alpn first+last char}_{sha256(sorted ciphers)[:12]}
 * _{sha256(sorted extensions without SNI/ALPN "_" signature algorithms)[:12]}". Computed once per
 * handshake; one instance per thread keeps its digests ({@link #ofThisThread()}): the provider
 * lookup of three digests cost more than the hashing, once per TLS flow.
 */
public final class TlsFingerprints {
    private static final ThreadLocal<TlsFingerprints> PER_THREAD = ThreadLocal.withInitial(TlsFingerprints::new);

    /** The digests of the calling thread (each method completes its digests, so they can be shared). */
    public static TlsFingerprints ofThisThread() {
        return PER_THREAD.get();
    }

    private final MessageDigest md5 = newDigest("MD5");
    private final MessageDigest sha1 = newDigest("SHA-1");
    private final MessageDigest sha256 = newDigest("SHA-256");

    public static boolean isGrease(int v) {
        return (v & 0x0F0F) == 0x0A0A && (v >>> 8) == (v & 0xFF);
    }

    public String ja3(ClientHello ch) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(ch.legacyVersion).append(',');
        appendU16List(sb, ch.ciphers);
        sb.append(',');
        boolean first = true;
        for (int i = 0; i < ch.extensionCount; i++) {
            int t = ch.extensionTypes[i];
            if (!isGrease(t)) {
                if (!first) {
                    sb.append('-');
                }
                sb.append(t);
                first = false;
            }
        }
        sb.append(',');
        appendU16List(sb, ch.supportedGroups);
        sb.append(',');
        for (int i = 0; i < ch.ecPointFormats.length; i++) {
            if (i > 0) {
                sb.append('-');
            }
            sb.append(ch.ecPointFormats.array[ch.ecPointFormats.offset + i] & 0xFF);
        }
        return sb.toString();
    }

    public String ja3s(ServerHello sh) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(sh.legacyVersion).append(',').append(sh.cipher).append(',');
        boolean first = true;
        for (int i = 0; i < sh.extensionCount; i++) {
            int t = sh.extensionTypes[i];
            if (!isGrease(t)) {
                if (!first) {
                    sb.append('-');
                }
                sb.append(t);
                first = false;
            }
        }
        return sb.toString();
    }

    private static void appendU16List(StringBuilder sb, Slice list) {
        boolean first = true;
        for (int i = 0; i < list.length / 2; i++) {
            int v = ClientHello.u16(list, i);
            if (!isGrease(v)) {
                if (!first) {
                    sb.append('-');
                }
                sb.append(v);
                first = false;
            }
        }
    }

    public String ja4(ClientHello ch) {
        int version = isGrease(ch.legacyVersion) ? 0 : ch.legacyVersion;
        for (int i = 0; i < ch.supportedVersions.length / 2; i++) {
            int v = ClientHello.u16(ch.supportedVersions, i);
            if (!isGrease(v) && v > version) {
                version = v;
            }
        }
        int nCiphers = 0;
        int[] ciphers = new int[ch.ciphers.length / 2];
        for (int i = 0; i < ciphers.length; i++) {
            int v = ClientHello.u16(ch.ciphers, i);
            if (!isGrease(v)) {
                ciphers[nCiphers++] = v;
            }
        }
        int nExtCount = 0;
        int nExts = 0;
        boolean domain = false;
        int[] exts = new int[ch.extensionCount];
        for (int i = 0; i < ch.extensionCount; i++) {
            int t = ch.extensionTypes[i];
            if (isGrease(t)) {
                continue;
            }
            nExtCount++;
            if (t == 0) {
                domain = true;
            } else if (t != 16) {
                exts[nExts++] = t;
            }
        }
        char a1 = '0';
        char a2 = '0';
        Slice alpn = ch.alpn;
        if (alpn.length > 1) {
            int n = alpn.array[alpn.offset] & 0xFF;
            if (n > 1 && n + 1 <= alpn.length) {
                int s = alpn.offset + 1;
                int v = (alpn.array[s] & 0xFF) << 8 | (alpn.array[s + n - 1] & 0xFF);
                if (!(n == 2 && isGrease(v))) {
                    a1 = (char) (alpn.array[s] & 0xFF);
                    a2 = (char) (alpn.array[s + n - 1] & 0xFF);
                }
            }
        }
        StringBuilder sb = new StringBuilder(40);
        sb.append('t').append(ja4Version(version)).append(domain ? 'd' : 'i');
        twoDigits(sb, Math.min(99, nCiphers));
        twoDigits(sb, Math.min(99, nExtCount));
        sb.append(a1).append(a2).append('_');
        int[] sortedCiphers = Arrays.copyOf(ciphers, nCiphers);
        Arrays.sort(sortedCiphers);
        sb.append(sha256Prefix(hexList(sortedCiphers, sortedCiphers.length)));
        sb.append('_');
        int[] sortedExts = Arrays.copyOf(exts, nExts);
        Arrays.sort(sortedExts);
        Slice sig = ch.signatureAlgorithms;
        int[] sigs = new int[sig.length / 2];
        int nSigs = 0;
        for (int i = 0; i < sigs.length; i++) {
            int v = ClientHello.u16(sig, i);
            if (!isGrease(v)) {
                sigs[nSigs++] = v;
            }
        }
        sb.append(sha256Prefix(hexList(sortedExts, nExts) + "_" + hexList(sigs, nSigs)));
        return sb.toString();
    }

    private static String ja4Version(int v) {
        return switch (v) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            default -> "00";
        };
    }

    private static void twoDigits(StringBuilder sb, int n) {
        sb.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    private static String hexList(int[] values, int n) {
        StringBuilder sb = new StringBuilder(n * 5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String h = Integer.toHexString(values[i]);
            for (int k = h.length(); k < 4; k++) {
                sb.append('0');
            }
            sb.append(h);
        }
        return sb.toString();
    }

    private String sha256Prefix(String s) {
        return Hex.encode(sha256.digest(s.getBytes(StandardCharsets.ISO_8859_1)), 0, 6, (char) 0, false);
    }

    public String md5Hex(String s) {
        return Hex.lower(md5.digest(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** SHA-1 of a certificate as Suricata's fingerprint: "aa:bb:...". */
    public String sha1Colon(byte[] b, int off, int len) {
        sha1.update(b, off, len);
        return Hex.encode(sha1.digest(), 0, 20, ':', false);
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every JRE", e);
        }
    }
}
