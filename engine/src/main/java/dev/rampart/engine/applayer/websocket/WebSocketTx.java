package dev.rampart.engine.applayer.websocket;

import dev.rampart.engine.applayer.Slice;

/**
 * One WebSocket frame, a transaction of its own direction, complete at once (Suricata 8's model). A
 * message's last frame carries the message's whole payload (its earlier fragments reassembled, then
 * inflated when the message was compressed, RFC 7692); other frames carry their own unmasked payload.
 */
public final class WebSocketTx implements dev.rampart.engine.applayer.OneSidedTransactions.Message {
    /** Opcode names by value, as websocket.opcode takes them and EVE writes them (null: no name). */
    static final String[] OPCODES = new String[16];

    static {
        OPCODES[0] = "continuation";
        OPCODES[1] = "text";
        OPCODES[2] = "binary";
        OPCODES[8] = "close";
        OPCODES[9] = "ping";
        OPCODES[10] = "pong";
    }

    final long id;
    final boolean toServer;
    /** The first header byte's flag bits: FIN 0x80, RSV1 ("comp") 0x40, RSV2, RSV3. */
    final int flags;
    final int opcode;
    /** The masking key, or -1 when the frame is not masked. */
    final long mask;
    byte[] payload;
    /** The payload was cut at the size limit (skip_end_of_payload) / its message at the limit (reassembly_limit_reached). */
    boolean skipped;
    boolean reassemblyLimit;

    WebSocketTx(long id, boolean toServer, int flags, int opcode, long mask) {
        this.id = id;
        this.toServer = toServer;
        this.flags = flags;
        this.opcode = opcode;
        this.mask = mask;
    }

    @Override
    public boolean toServer() {
        return toServer;
    }

    @Override
    public long id() {
        return id;
    }

    public int opcode() {
        return opcode;
    }

    public int flags() {
        return flags;
    }

    /** The masking key, or -1 (websocket.mask then does not match). */
    public long mask() {
        return mask;
    }

    /** websocket.payload: present on every frame, possibly empty. */
    public boolean payload(Slice out) {
        out.set(payload, 0, payload.length);
        return true;
    }

    public boolean skipped() {
        return skipped;
    }

    public boolean reassemblyLimitReached() {
        return reassemblyLimit;
    }

    /** The opcode's name, or null for values without one. */
    public static String opcodeName(int opcode) {
        return opcode >= 0 && opcode < OPCODES.length ? OPCODES[opcode] : null;
    }

    /** The opcode value of a name, or -1. */
    public static int opcodeOf(String name) {
        for (int i = 0; i < OPCODES.length; i++) {
            if (name.equalsIgnoreCase(OPCODES[i])) {
                return i;
            }
        }
        return -1;
    }
}
