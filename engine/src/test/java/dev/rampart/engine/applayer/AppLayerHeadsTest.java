package dev.rampart.engine.applayer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowConfig;
import dev.rampart.engine.flow.FlowTable;
import dev.rampart.engine.testutil.TestPackets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bytes kept for protocol detection are lent per flow and reused once its protocol is known. */
class AppLayerHeadsTest {
    private static final long SEC = 1_000_000_000L;
    private static final long A = TestPackets.ip(192, 168, 1, 10);
    private static final long B = TestPackets.ip(10, 1, 2, 3);

    private final Packet p = new Packet();
    private final ByteBuffer buf = ByteBuffer.allocate(2048);
    private final FlowTable flows = new FlowTable(FlowConfig.withMaxFlows(16), (f, reason) -> { });

    private Flow flow(int sp) {
        return flows.handle(TestPackets.tcp(p, buf, A, sp, B, 80, Packet.TCP_SYN, 1, 0, 1000, null, SEC));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aDecidedFlowGivesItsHeadBackForTheNextUndecidedFlow() {
        AppLayer app = new AppLayer();
        Flow first = flow(1000);
        app.onData(first, true, b("GE"), 0, 2, 0);
        assertEquals(AppProto.UNKNOWN, AppLayer.of(first).proto());
        assertEquals(0, app.freeHeads(), "an undecided direction holds its head");
        app.onData(first, true, b("T / HTTP/1.1\r\nHost: a\r\n\r\n"), 0, 25, 2);
        assertEquals(AppProto.HTTP, AppLayer.of(first).proto());
        assertEquals(1, app.freeHeads(), "decided: the head went back");

        Flow second = flow(1001);
        app.onData(second, true, b("GE"), 0, 2, 0);
        assertEquals(0, app.freeHeads(), "the next undecided flow took it");
        // the reused head starts empty: detection sees only this flow's bytes
        app.onData(second, true, b("T /x HTTP/1.1\r\n\r\n"), 0, 17, 2);
        assertEquals(AppProto.HTTP, AppLayer.of(second).proto());
        assertEquals(1, app.freeHeads());

        Flow third = flow(1002);
        app.onData(third, true, b("GE"), 0, 2, 0);
        app.onFlowEnd(third);
        assertEquals(1, app.freeHeads(), "a flow that ends undecided gives its head back too");
    }
}
