package dev.rampart.engine.applayer.dcerpc;

/**
 * One context item of a BIND or ALTER_CONTEXT: the interface a context id stands for, and the
 * result its acknowledgement gave (0: accepted).
 *
 * @param uuid the interface UUID in text order (the first three fields turned big-endian)
 * @param firstFrag the binding PDU carried the first-fragment flag
 */
public record DcerpcInterface(int ctxId, byte[] uuid, int major, int minor, int result,
                              boolean firstFrag) {
    DcerpcInterface withResult(int r) {
        return new DcerpcInterface(ctxId, uuid, major, minor, r, firstFrag);
    }

    /** The UUID as text: 8-4-4-4-12 lower-case hex digits. */
    public String uuidText() {
        String h = dev.rampart.engine.applayer.Hex.lower(uuid);
        return h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-' + h.substring(16, 20) + '-'
                + h.substring(20);
    }
}
