package dev.rampart.engine.applayer.tftp;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.ListedTransactions;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A TFTP flow (UDP, port 69) as Suricata 7's parser keeps it: each datagram to the server that reads
 * as a request (a zero byte, the opcode, a NUL-terminated file name, then the mode) is a transaction,
 * complete at once; anything else, and every datagram to the client, is taken without a transaction
 * or an error. The transfer itself runs on another port pair, a flow of its own.
 */
public final class TftpSession extends ListedTransactions<TftpSession.Request> {
    /** Longest file name or mode kept (a longer one is cut). */
    static final int MAX_FIELD = 1024;

    /** One request: its opcode (1 read, 2 write, ...), file name and mode (lowercase). */
    public record Request(long id, int opcode, String fileName, String mode) {
    }

    @Override
    public AppProto proto() {
        return AppProto.TFTP;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        changes++;
        if (!toServer || len < 2 || data[off] != 0) {
            return;
        }
        int end = off + len;
        int name = off + 2;
        int nameEnd = name;
        while (nameEnd < end && data[nameEnd] != 0) {
            nameEnd++;
        }
        if (nameEnd >= end) {
            return; // the file name is not terminated: no request
        }
        int mode = nameEnd + 1;
        int modeEnd = mode;
        while (modeEnd < end && data[modeEnd] != 0) {
            modeEnd++;
        }
        txs.add(new Request(nextId++, data[off + 1] & 0xFF, text(data, name, nameEnd),
                text(data, mode, modeEnd).toLowerCase(Locale.ROOT)));
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, Math.min(to - from, MAX_FIELD), StandardCharsets.UTF_8);
    }

    @Override
    public void onGap(boolean toServer, long len) {
    }

    @Override
    public void onEnd(boolean toServer) {
    }

    @Override
    protected long idOf(Request tx) {
        return tx.id();
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return true;
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        return false;
    }
}
