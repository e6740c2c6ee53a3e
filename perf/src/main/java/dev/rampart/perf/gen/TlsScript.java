package dev.rampart.perf.gen;

import dev.rampart.capture.synth.Tls;
import java.util.SplittableRandom;

/**
 * A TLS 1.3 connection: ClientHello with SNI, the server's ServerHello + ChangeCipherSpec +
 * encrypted handshake, the client's ChangeCipherSpec + Finished, then request/response
 * application-data records (random bytes, up to 16 KiB each) and an encrypted close_notify.
 * About 1% of them name a server an ET Open rule alerts on ({@link Targets#SNIS}).
 */
final class TlsScript implements Script {
    private static final int MAX_RECORD = 16384 + 17; // TLS 1.3 ciphertext: plaintext + type + tag

    private final SplittableRandom rng;
    private final Corpus corpus;
    private final String sni;
    private int exchanges;
    private int step;
    private int done;
    private boolean awaitingResponse;
    private boolean closeSent;

    TlsScript(SplittableRandom rng, Corpus corpus, GenSummary summary, String host) {
        this.rng = rng;
        this.corpus = corpus;
        if (rng.nextInt(100) == 0) {
            Targets.Target t = Targets.SNIS[rng.nextInt(Targets.SNIS.length)];
            this.sni = t.value();
            summary.targeted(t.sid());
        } else {
            this.sni = host;
        }
        this.exchanges = 1 + rng.nextInt(8);
        summary.tlsSessions++;
    }

    @Override
    public Message next(long ts) {
        switch (step++) {
            case 0:
                return new Message(true).add(Tls.clientHello(sni, rng.nextLong()));
            case 1: {
                Message m = new Message(false).add(serverHello());
                m.add(CHANGE_CIPHER_SPEC);
                appData(m, 2500 + rng.nextInt(3500)); // encrypted extensions, certificate, verify, finished
                return m;
            }
            case 2: {
                Message m = new Message(true).add(CHANGE_CIPHER_SPEC);
                appData(m, 53); // Finished
                appData(m, 200 + rng.nextInt(1400)); // first request
                done = 1;
                awaitingResponse = true;
                return m;
            }
            default:
                if (awaitingResponse) {
                    awaitingResponse = false;
                    return appData(new Message(false), Corpus.logUniform(rng, 300, 400 * 1024));
                }
                if (done < exchanges) {
                    done++;
                    awaitingResponse = true;
                    return appData(new Message(true), 100 + rng.nextInt(1500));
                }
                if (!closeSent) {
                    closeSent = true;
                    return appData(new Message(true), 19); // close_notify alert, encrypted
                }
                return null;
        }
    }

    @Override
    public void windDown() {
        exchanges = Math.min(exchanges, Math.max(done, 1));
    }

    @Override
    public boolean serverClosesFirst() {
        return false;
    }

    @Override
    public boolean endsWithReset() {
        return false;
    }

    private static final byte[] CHANGE_CIPHER_SPEC = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};

    /** Application-data records carrying {@code total} bytes of ciphertext. */
    private Message appData(Message m, int total) {
        while (total > 0) {
            int n = Math.min(total, MAX_RECORD);
            m.add(new byte[] {0x17, 0x03, 0x03, (byte) (n >>> 8), (byte) n});
            m.add(corpus.binary, rng.nextInt(corpus.binary.length - n), n);
            total -= n;
        }
        return m;
    }

    private byte[] serverHello() {
        byte[] b = new byte[5 + 4 + 2 + 32 + 1 + 32 + 2 + 1 + 2 + 6 + 40];
        int p = 0;
        int bodyLen = b.length - 9;
        b[p++] = 0x16;
        b[p++] = 0x03;
        b[p++] = 0x03;
        b[p++] = (byte) ((b.length - 5) >>> 8);
        b[p++] = (byte) (b.length - 5);
        b[p++] = 0x02; // ServerHello
        b[p++] = 0;
        b[p++] = (byte) (bodyLen >>> 8);
        b[p++] = (byte) bodyLen;
        b[p++] = 0x03;
        b[p++] = 0x03;
        p = random(b, p, 32);
        b[p++] = 32; // legacy session id echo
        p = random(b, p, 32);
        b[p++] = 0x13; // TLS_AES_128_GCM_SHA256
        b[p++] = 0x01;
        b[p++] = 0; // null compression
        b[p++] = 0;
        b[p++] = 46; // extensions length
        byte[] versions = {0x00, 0x2b, 0x00, 0x02, 0x03, 0x04};
        System.arraycopy(versions, 0, b, p, versions.length);
        p += versions.length;
        byte[] keyShare = {0x00, 0x33, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20};
        System.arraycopy(keyShare, 0, b, p, keyShare.length);
        p += keyShare.length;
        random(b, p, 32);
        return b;
    }

    private int random(byte[] b, int p, int n) {
        for (int i = 0; i < n; i++) {
            b[p + i] = (byte) rng.nextInt(256);
        }
        return p + n;
    }
}
