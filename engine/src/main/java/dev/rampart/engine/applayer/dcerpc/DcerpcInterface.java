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
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(Character.forDigit(uuid[i] >> 4 & 0xF, 16)).append(Character.forDigit(uuid[i] & 0xF, 16));
        }
        return s.toString();
    }
}
