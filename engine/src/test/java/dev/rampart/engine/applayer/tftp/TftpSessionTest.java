package dev.rampart.engine.applayer.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TftpSessionTest {
    private static void send(TftpSession s, boolean toServer, String d) {
        byte[] b = d.getBytes(StandardCharsets.ISO_8859_1);
        s.onDatagram(toServer, b, 0, b.length);
    }

    @Test
    void requestsToTheServerAreTransactions() {
        TftpSession s = new TftpSession();
        send(s, true, "\0\1rfc1350.txt\0octet\0");
        send(s, false, "\0\5\0\1File not found\0"); // the server's datagrams make none
        send(s, true, "\0\2upload.bin\0NetASCII\0");
        send(s, true, "\0\1no-terminator"); // no request without the file name's NUL
        send(s, true, "\1\1junk\0x\0");
        assertEquals(2, s.txCount());
        TftpSession.Request r = (TftpSession.Request) s.tx(1);
        assertEquals(2, r.opcode());
        assertEquals("upload.bin", r.fileName());
        assertEquals("netascii", r.mode(), "the mode is lowercased, as Suricata keeps it");
        assertEquals(1, s.txId(r));
        assertEquals(0, s.parseErrors());
    }
}
