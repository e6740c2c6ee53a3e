package dev.rampart.engine.applayer.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MD5, SHA-1 and SHA-256 of one message body as a file (every body byte after dechunking and
 * decompression, not only the part kept for inspection), for the filemd5/filesha1/filesha256
 * keywords. Only made when rules need it (HttpConfig.fileHashes); reused when its transaction
 * is recycled.
 */
final class FileDigests {
    private final MessageDigest md5;
    private final MessageDigest sha1;
    private final MessageDigest sha256;
    private byte[] md5Out;
    private byte[] sha1Out;
    private byte[] sha256Out;

    FileDigests() {
        try {
            md5 = MessageDigest.getInstance("MD5");
            sha1 = MessageDigest.getInstance("SHA-1");
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without MD5/SHA-1/SHA-256", e);
        }
    }

    void update(byte[] b, int off, int len) {
        if (md5Out != null) {
            return; // finished: no more data belongs to this file
        }
        md5.update(b, off, len);
        sha1.update(b, off, len);
        sha256.update(b, off, len);
    }

    private void finish() {
        if (md5Out == null) {
            md5Out = md5.digest();
            sha1Out = sha1.digest();
            sha256Out = sha256.digest();
        }
    }

    byte[] md5() {
        finish();
        return md5Out;
    }

    byte[] sha1() {
        finish();
        return sha1Out;
    }

    byte[] sha256() {
        finish();
        return sha256Out;
    }

    void reset() {
        md5.reset();
        sha1.reset();
        sha256.reset();
        md5Out = sha1Out = sha256Out = null;
    }
}
