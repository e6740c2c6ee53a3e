package dev.rampart.rules.manage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A small reader for tar archives (ustar, with GNU long names and pax {@code path} records), as rule
 * vendors ship them ({@code emerging.rules.tar.gz}: {@code rules/*.rules} inside). Only regular
 * files are returned; directories, links and devices are skipped. Archive names are never used as
 * file system paths, so names like {@code ../x} are harmless here.
 */
public final class TarReader {
    private static final int BLOCK = 512;

    /** Limits what one archive may unpack to (a guard against archive bombs). */
    public static final long MAX_TOTAL_BYTES = 1L << 30;

    private TarReader() {
    }

    /** True when the bytes start with the gzip magic number. */
    public static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }

    /** True when the first block looks like a tar header (its checksum is right). */
    public static boolean isTar(byte[] data) {
        if (data.length < BLOCK) {
            return false;
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(data, 0, h, 0, BLOCK);
        return !isZeroBlock(h) && checksumOk(h);
    }

    public static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return readAll(in, MAX_TOTAL_BYTES);
        }
    }

    /** Reads a gzip-compressed tar archive. */
    public static List<SourceFile> readTarGz(InputStream in) throws IOException {
        return readTar(new GZIPInputStream(in));
    }

    /** Reads an uncompressed tar archive. */
    public static List<SourceFile> readTar(InputStream in) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        byte[] header = new byte[BLOCK];
        String longName = null;
        String paxPath = null;
        long total = 0;
        while (true) {
            if (!readBlock(in, header)) {
                // archives should end with two zero blocks; a plain EOF is accepted (GNU tar does too)
                return files;
            }
            if (isZeroBlock(header)) {
                return files;
            }
            if (!checksumOk(header)) {
                throw new IOException("tar: bad header checksum" + (files.isEmpty() ? " (not a tar archive?)" : ""));
            }
            String name = string(header, 0, 100);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String magic = string(header, 257, 6);
            if (magic.startsWith("ustar")) {
                String prefix = string(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            if (size < 0) {
                throw new IOException("tar: bad size field for " + name);
            }
            total += size;
            if (total > MAX_TOTAL_BYTES) {
                throw new IOException("tar: archive unpacks to more than " + MAX_TOTAL_BYTES + " bytes");
            }
            byte[] body = readBody(in, size, name);
            switch (type) {
                case 'L' -> {
                    longName = cString(body);
                    continue;
                }
                case 'x' -> {
                    String p = paxValue(body, "path");
                    if (p != null) {
                        paxPath = p;
                    }
                    continue;
                }
                case 'g' -> {
                    continue; // global pax header: nothing we use
                }
                default -> {
                }
            }
            if (longName != null) {
                name = longName;
            }
            if (paxPath != null) {
                name = paxPath;
            }
            longName = null;
            paxPath = null;
            if (type == '0' || type == 0 || type == '7') {
                files.add(new SourceFile(name, body));
            }
        }
    }

    private static byte[] readBody(InputStream in, long size, String name) throws IOException {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("tar: member too large: " + name);
        }
        byte[] body = in.readNBytes((int) size);
        if (body.length != size) {
            throw new IOException("tar: truncated archive (in " + name + ")");
        }
        int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
        // a missing final padding is tolerated: the member itself is complete
        in.readNBytes(pad);
        return body;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n != BLOCK) {
            throw new IOException("tar: truncated header");
        }
        return true;
    }

    private static boolean isZeroBlock(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Header checksum: sum of all header bytes with the checksum field read as spaces. */
    private static boolean checksumOk(byte[] h) {
        long stored = octal(h, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : h[i];
            unsigned += b & 0xff;
            signed += (byte) b;
        }
        return stored == unsigned || stored == signed;
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] b) {
        return string(b, 0, b.length);
    }

    /** An octal numeric field (NUL/space padded); base-256 sizes (GNU, for huge members) too. */
    private static long octal(byte[] b, int off, int len) {
        if ((b[off] & 0x80) != 0) {
            long v = b[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (b[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        boolean any = false;
        for (int i = off; i < off + len; i++) {
            int c = b[i];
            if (c == 0 || (c == ' ' && any)) {
                break;
            }
            if (c == ' ') {
                continue;
            }
            if (c < '0' || c > '7') {
                return -1;
            }
            v = v * 8 + (c - '0');
            any = true;
        }
        return v;
    }

    /** A pax extended header holds records {@code "LEN key=value\n"}. */
    private static String paxValue(byte[] body, String key) {
        String s = new String(body, StandardCharsets.UTF_8);
        int i = 0;
        while (i < s.length()) {
            int sp = s.indexOf(' ', i);
            if (sp < 0) {
                return null;
            }
            int len;
            try {
                len = Integer.parseInt(s.substring(i, sp));
            } catch (NumberFormatException e) {
                return null;
            }
            // LEN counts bytes; the records we look for are ASCII
            int end = Math.min(s.length(), i + len);
            String rec = s.substring(sp + 1, end);
            if (rec.endsWith("\n")) {
                rec = rec.substring(0, rec.length() - 1);
            }
            int eq = rec.indexOf('=');
            if (eq > 0 && rec.substring(0, eq).equals(key)) {
                return rec.substring(eq + 1);
            }
            if (len <= 0) {
                return null;
            }
            i = end;
        }
        return null;
    }

    static byte[] readAll(InputStream in, long max) throws IOException {
        byte[] all = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16));
        if (all.length > max) {
            throw new IOException("data larger than " + max + " bytes");
        }
        return all;
    }
}
