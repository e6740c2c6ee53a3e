package dev.rampart.engine.output.eve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.engine.applayer.StreamFrames;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EveFrameJsonTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void frameMemberAsSuricataLogsItInAlerts() {
        StreamFrames f = new StreamFrames((1 << StreamFrames.STREAM) | (1 << StreamFrames.HTTP1_RESPONSE));
        f.data(false, b("HTTP/1.0 200 OK\r\n\r\nAA"), 0, 21);
        f.gap(false, 3);
        f.data(false, b("A\t"), 0, 2);
        long serial = f.open(false, StreamFrames.HTTP1_RESPONSE, 0, 7);
        f.close(false, serial, 26);
        String json = new String(EveFrameJson.render(f, false, 1, false), StandardCharsets.UTF_8);
        String payload = "HTTP/1.0 200 OK\r\n\r\nAA[3 bytes missing]A\t";
        assertEquals("\"frame\":{\"type\":\"response\",\"id\":2,\"direction\":\"toclient\",\"stream_offset\":0,\"length\":26,"
                + "\"payload\":\"" + java.util.Base64.getEncoder().encodeToString(b(payload)) + "\","
                + "\"payload_printable\":\"HTTP/1.0 200 OK\\r\\n\\r\\nAA[3 bytes missing]A.\",\"complete\":true,\"tx_id\":7}", json);
        // the open stream frame: length is what has arrived, complete only at the end of the stream
        String stream = new String(EveFrameJson.render(f, false, 0, false), StandardCharsets.UTF_8);
        assertEquals(true, stream.contains("\"type\":\"stream\",\"id\":1,") && stream.contains("\"length\":26,")
                && stream.endsWith("\"complete\":false}"), stream);
    }
}
