package dev.rampart.engine.applayer.http;

import dev.rampart.engine.flow.Spares;

/**
 * Limits of the HTTP/1.x parser. Defaults are Suricata 7's ({@code app-layer.protocols.http.libhtp
 * .default-config} in suricata.yaml and the libhtp settings Suricata applies in app-layer-htp.c).
 */
public final class HttpConfig {
    /** Recycled transactions a thread keeps per configuration (see {@link HttpParser#txSpares}). */
    static final int TX_SPARES = 256;

    /**
     * Recycled transactions of this configuration, per thread, with their head, work and
     * header-table arrays: those are sized under this configuration's caps, so they serve only
     * parsers of the same configuration (a reload makes a new one).
     */
    final ThreadLocal<Spares<HttpTx>> txSpares = ThreadLocal.withInitial(() -> new Spares<>(TX_SPARES));

    /** libhtp hard field limit as Suricata sets it: one request/status/header line. */
    public int fieldLimit = 18000;
    /** {@code headers-limit}: header lines per message before REQUEST/RESPONSE_TOO_MANY_HEADERS. */
    public int headersLimit = 1024;
    /** Bytes of start line + header block kept per message (raw and derived buffers). */
    public int maxHeadBytes = 64 * 1024;
    public int requestBodyLimit = 100 * 1024;
    public int responseBodyLimit = 100 * 1024;
    public int requestBodyMinimalInspectSize = 32 * 1024;
    public int requestBodyInspectWindow = 4 * 1024;
    public int responseBodyMinimalInspectSize = 40 * 1024;
    public int responseBodyInspectWindow = 16 * 1024;
    /**
     * Hold bodies back from detection until the minimal inspect size, the body limit, the end of
     * the message or of its stream, as Suricata does ({@code HttpTx.inspectableBody}). On by
     * default (measured with suricata 7.0.10: body rules alert where the reference does, and a
     * rule that mixes a raw-stream content with body contents no longer matches a body that
     * Suricata only inspects after its stream bytes were consumed). The CLI turns it off for
     * inline (IPS) runs, where the raw stream is inspected per packet and a mixed rule's stream
     * part would be gone before the body is inspected (suricata-verify bug-2576-04-ips); off, a
     * body is inspected from its first bytes.
     */
    public boolean deferBodyInspection = true;
    /** {@code response-body-decompress-layer-limit}. */
    public int decompressLayerLimit = 2;
    /** libhtp compression bomb: output above this and above {@link #compressionRatioLimit} x input. */
    public long compressionBombLimit = 1 << 20;
    public int compressionRatioLimit = 2048;
    /** {@code max-tx}: live transactions per flow. */
    public int maxTx = 512;
    /** Suricata enables request body decompression (htp_config_set_request_decompression). */
    public boolean requestDecompression = true;
    /** {@code double-decode-path} / {@code double-decode-query}: decode a component twice, with an event. */
    public boolean doubleDecodePath;
    public boolean doubleDecodeQuery;
    /** Hash every body as a file (MD5, SHA-1, SHA-256): rules use filemd5/filesha1/filesha256. */
    public boolean fileHashes;
    /**
     * Frame types rules inspect (bit per {@code StreamFrames} type): the parser records those
     * frames and keeps their bytes; 0 records none.
     */
    public int frameTypes;
}
