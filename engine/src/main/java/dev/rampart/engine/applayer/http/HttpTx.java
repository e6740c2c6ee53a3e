package dev.rampart.engine.applayer.http;

import dev.rampart.engine.applayer.Slice;

/**
 * One HTTP request/response exchange. {@link #id()} is Suricata's tx_id (0-based, in request
 * order per flow). Fields are views into storage this transaction owns; they stay valid until the
 * parser recycles it (see {@link HttpParser#release}). Progress per side follows libhtp:
 * line, headers, body, complete.
 */
public final class HttpTx {
    public static final int PROGRESS_NONE = 0;
    public static final int PROGRESS_LINE = 1;
    public static final int PROGRESS_HEADERS = 2;
    public static final int PROGRESS_BODY = 3;
    public static final int PROGRESS_COMPLETE = 4;

    static final byte[] HOST = HttpBytes.ascii("host");
    static final byte[] COOKIE = HttpBytes.ascii("cookie");
    static final byte[] SET_COOKIE = HttpBytes.ascii("set-cookie");
    static final byte[] USER_AGENT = HttpBytes.ascii("user-agent");
    static final byte[] ACCEPT = HttpBytes.ascii("accept");
    static final byte[] ACCEPT_ENCODING = HttpBytes.ascii("accept-encoding");
    static final byte[] ACCEPT_LANGUAGE = HttpBytes.ascii("accept-language");
    static final byte[] REFERER = HttpBytes.ascii("referer");
    static final byte[] CONNECTION = HttpBytes.ascii("connection");
    static final byte[] CONTENT_TYPE = HttpBytes.ascii("content-type");
    static final byte[] CONTENT_LENGTH = HttpBytes.ascii("content-length");
    static final byte[] CONTENT_ENCODING = HttpBytes.ascii("content-encoding");
    static final byte[] TRANSFER_ENCODING = HttpBytes.ascii("transfer-encoding");
    static final byte[] LOCATION = HttpBytes.ascii("location");
    static final byte[] SERVER = HttpBytes.ascii("server");

    long id;
    /** The HTTP/2 stream this transaction is ({@link Http2Parser}), null for HTTP/1. */
    Http2Stream h2;
    public final HttpMessage request = new HttpMessage();
    public final HttpMessage response = new HttpMessage();
    int requestProgress;
    int responseProgress;
    long events;

    boolean http09;
    boolean isConnect;
    boolean isHead;
    boolean unmatchedResponse;
    /** libhtp sets the request port (-1 = none) only once request headers are processed. */
    boolean requestHeadersSeen;
    int statusNumber = -1;
    int continueSeen;
    /** Port from the Host header (or absolute URI), -1 when absent or invalid. */
    int hostPort = -1;
    long requestContentLength = -1;
    long responseContentLength = -1;
    boolean requestChunked;
    boolean responseChunked;

    // request derived
    final Slice uri = new Slice();
    final Slice host = new Slice();
    final Slice hostRaw = new Slice();
    private final Slice cookieSlice = new Slice();
    private final Slice setCookieSlice = new Slice();
    private final Slice userAgentSlice = new Slice();
    private final Slice acceptSlice = new Slice();
    private final Slice acceptEncodingSlice = new Slice();
    private final Slice acceptLanguageSlice = new Slice();
    private final Slice refererSlice = new Slice();
    private final Slice connectionSlice = new Slice();
    private final Slice requestContentTypeSlice = new Slice();
    private final Slice requestContentLengthSlice = new Slice();
    private final Slice locationSlice = new Slice();
    private final Slice serverSlice = new Slice();
    private final Slice responseContentTypeSlice = new Slice();
    private final Slice responseContentLengthSlice = new Slice();
    int uriOff, uriLen;
    int hostOff = -1, hostLen;

    /**
     * Detection's own state for this transaction (the SecLang evaluation between its request and
     * response phases), owned by the worker that owns the flow; cleared when the transaction is reused.
     */
    public Object detectState;

    void reset(long newId) {
        id = newId;
        detectState = null;
        request.reset();
        response.reset();
        requestProgress = PROGRESS_NONE;
        responseProgress = PROGRESS_NONE;
        events = 0;
        http09 = isConnect = isHead = unmatchedResponse = requestHeadersSeen = false;
        statusNumber = -1;
        continueSeen = 0;
        hostPort = -1;
        requestContentLength = responseContentLength = -1;
        requestChunked = responseChunked = false;
        uri.clear();
        host.clear();
        hostRaw.clear();
        uriOff = uriLen = 0;
        hostOff = -1;
        hostLen = 0;
    }

    /** The request announced a body: a Content-Length header or chunked transfer coding. */
    public boolean requestBodyFramed() {
        return requestContentLength >= 0 || requestChunked;
    }

    public long id() {
        return id;
    }

    /** The HTTP/2 stream of this transaction, or null for an HTTP/1 exchange. */
    public Http2Stream http2() {
        return h2;
    }

    public int requestProgress() {
        return requestProgress;
    }

    public int responseProgress() {
        return responseProgress;
    }

    public boolean isComplete() {
        return requestProgress == PROGRESS_COMPLETE && responseProgress == PROGRESS_COMPLETE;
    }

    void event(HttpEvent e) {
        events |= e.bit();
    }

    public boolean hasEvent(HttpEvent e) {
        return (events & e.bit()) != 0;
    }

    public long eventBits() {
        return events;
    }

    public boolean isHttp09() {
        return http09;
    }

    public int statusNumber() {
        return statusNumber;
    }

    public int hostPort() {
        return hostPort;
    }

    /** Response body length on the wire (dechunked, before decompression), as EVE's "length". */
    public long responseLength() {
        return response.bodyWire;
    }

    // ---- request buffers (Suricata sticky buffer named in each comment)

    /** http.method */
    public Slice method() {
        return request.method;
    }

    /** http.uri: normalised as libhtp (IDS personality) + Suricata's uri config defaults. */
    public Slice uri() {
        return uri;
    }

    /** http.uri.raw */
    public Slice uriRaw() {
        return request.uriRaw;
    }

    /** http.protocol (request side). */
    public Slice requestProtocol() {
        return request.protocol;
    }

    /** http.request_line */
    public Slice requestLine() {
        return request.startLine;
    }

    /** http.header (to server): "Name: value\r\n" per header, Cookie excluded. */
    public Slice requestHeader() {
        return request.header;
    }

    /** http.header.raw (to server). */
    public Slice requestHeaderRaw() {
        return request.headerRaw;
    }

    /** http.header_names (to server): CRLF, each name + CRLF, CRLF. */
    public Slice requestHeaderNames() {
        return request.headerNames;
    }

    /** http.start (to server): request line, headers, empty line. */
    public Slice requestStart() {
        return request.start;
    }

    /** http.cookie (to server) */
    public Slice cookie() {
        return request.headerValue(COOKIE, cookieSlice);
    }

    /** http.cookie (to client): the Set-Cookie value. */
    public Slice setCookie() {
        return response.headerValue(SET_COOKIE, setCookieSlice);
    }

    /** http.user_agent */
    public Slice userAgent() {
        return request.headerValue(USER_AGENT, userAgentSlice);
    }

    /** http.host: hostname from the absolute URI (lower-cased) or the Host header, port removed. */
    public Slice host() {
        return host;
    }

    /** http.host.raw: the Host header value as sent. */
    public Slice hostRaw() {
        return hostRaw;
    }

    public Slice accept() {
        return request.headerValue(ACCEPT, acceptSlice);
    }

    public Slice acceptEncoding() {
        return request.headerValue(ACCEPT_ENCODING, acceptEncodingSlice);
    }

    public Slice acceptLanguage() {
        return request.headerValue(ACCEPT_LANGUAGE, acceptLanguageSlice);
    }

    public Slice referer() {
        return request.headerValue(REFERER, refererSlice);
    }

    public Slice connection() {
        return request.headerValue(CONNECTION, connectionSlice);
    }

    /** http.content_type (to server) */
    public Slice requestContentType() {
        return request.headerValue(CONTENT_TYPE, requestContentTypeSlice);
    }

    /** http.content_len (to server) */
    public Slice requestContentLength() {
        return request.headerValue(CONTENT_LENGTH, requestContentLengthSlice);
    }

    /** http.request_body (http_client_body): dechunked, decompressed, capped at request-body-limit. */
    public Slice requestBody() {
        return request.bodySlice;
    }

    private static final Slice NO_BODY = new Slice();

    /**
     * The body of one side as detection inspects it (http.request_body, http.response_body,
     * file.data): absent until {@link HttpMessage#bodyInspectable} allows it, then the stored body.
     */
    public Slice inspectableBody(boolean toServer) {
        HttpMessage m = toServer ? request : response;
        boolean complete = (toServer ? requestProgress : responseProgress) >= PROGRESS_COMPLETE;
        return m.bodyInspectable(complete) ? m.bodySlice : NO_BODY;
    }

    // ---- response buffers

    /** http.response_line */
    public Slice responseLine() {
        return response.startLine;
    }

    /** http.stat_code */
    public Slice statusCode() {
        return response.statusCode;
    }

    /** http.stat_msg */
    public Slice statusMessage() {
        return response.statusMessage;
    }

    public Slice responseProtocol() {
        return response.protocol;
    }

    /** http.header (to client): Set-Cookie excluded. */
    public Slice responseHeader() {
        return response.header;
    }

    public Slice responseHeaderRaw() {
        return response.headerRaw;
    }

    public Slice responseHeaderNames() {
        return response.headerNames;
    }

    public Slice responseStart() {
        return response.start;
    }

    public Slice location() {
        return response.headerValue(LOCATION, locationSlice);
    }

    public Slice server() {
        return response.headerValue(SERVER, serverSlice);
    }

    public Slice responseContentType() {
        return response.headerValue(CONTENT_TYPE, responseContentTypeSlice);
    }

    public Slice responseContentLength() {
        return response.headerValue(CONTENT_LENGTH, responseContentLengthSlice);
    }

    /** http.response_body: dechunked + decompressed, capped at response-body-limit. */
    public Slice responseBody() {
        return response.bodySlice;
    }

    /** The value of any request/response header by lower-case name ("" when absent). */
    public Slice header(boolean request, byte[] lowerName, Slice out) {
        return (request ? this.request : response).headerValue(lowerName, out);
    }

    // ---- the body of a side as a file (Suricata's file tracking over HTTP bodies)

    static final byte[] CONTENT_DISPOSITION = HttpBytes.ascii("content-disposition");

    /** Whether that side has a file: some body bytes were seen. */
    public boolean hasFile(boolean toServer) {
        return (toServer ? request : response).bodyTotal > 0;
    }

    /** Whether that side's file is complete (its body ended). */
    public boolean fileClosed(boolean toServer) {
        return (toServer ? requestProgress : responseProgress) >= PROGRESS_COMPLETE;
    }

    /** File size so far: body bytes after dechunking and decompression. */
    public long fileSize(boolean toServer) {
        return (toServer ? request : response).bodyTotal;
    }

    /** MD5/SHA-1/SHA-256 ({@code kind} 0/1/2) of a closed file; null when open or not hashed. */
    public byte[] fileHash(boolean toServer, int kind) {
        HttpMessage m = toServer ? request : response;
        if (m.digests == null || !fileClosed(toServer)) {
            return null;
        }
        return kind == 0 ? m.digests.md5() : kind == 1 ? m.digests.sha1() : m.digests.sha256();
    }

    /**
     * The file name as Suricata names HTTP files: the Content-Disposition filename when there is
     * one, else the path of the request URI (normalised, without the query).
     */
    public Slice fileName(boolean toServer) {
        Slice out = fileNameOut;
        HttpMessage m = toServer ? request : response;
        Slice cd = m.headerValue(CONTENT_DISPOSITION, out);
        if (cd.array != null && cd.length > 0) {
            byte[] a = cd.array;
            int end = cd.offset + cd.length;
            for (int i = cd.offset; i + 9 <= end; i++) {
                if (HttpBytes.equalsIgnoreCase(a, i, 9, FILENAME_EQ, 0, 9)) {
                    int v = i + 9;
                    int ve;
                    if (v < end && a[v] == '"') {
                        v++;
                        ve = v;
                        while (ve < end && a[ve] != '"') {
                            ve++;
                        }
                    } else {
                        ve = v;
                        while (ve < end && a[ve] != ';') {
                            ve++;
                        }
                    }
                    return out.set(a, v, ve - v);
                }
            }
        }
        Slice u = uri;
        if (u.array == null) {
            return out.clear();
        }
        int n = 0;
        while (n < u.length && u.array[u.offset + n] != '?') {
            n++;
        }
        return out.set(u.array, u.offset, n);
    }

    private final Slice fileNameOut = new Slice();
    private static final byte[] FILENAME_EQ = HttpBytes.ascii("filename=");

    /** The first body bytes kept for inspection (for magic), possibly empty. */
    public Slice fileHead(boolean toServer) {
        return (toServer ? request : response).bodySlice;
    }
}
