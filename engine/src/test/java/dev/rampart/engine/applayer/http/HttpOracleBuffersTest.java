package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.engine.applayer.Slice;
import org.junit.jupiter.api.Test;

/**
 * Sticky buffers of three exchanges (a chunked form POST with a chunked gzip response, an
 * HTTP/0.9 request, an HTTP/1.0 exchange with a folded response header and Set-Cookie), each value
 * read from suricata 7.0.10 through a pcre capture of the buffer into a pkt var.
 */
class HttpOracleBuffersTest {
    static final String[] REQUESTS = {
        "POST /up?x=1 HTTP/1.1\r\nHost: Example.COM\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\nAccept-Language: en-US\r\nReferer: http://ref/\r\nConnection: keep-alive\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n4\r\na=b&\r\n3\r\nc=d\r\n0\r\n\r\n",
        "GET /a/b/..\r\n",
        "GET /x/./y/. HTTP/1.0\r\nHost: h\r\n\r\n"
    };
    static final String[] RESPONSES = {
        "HTTP/1.1 200 OK\r\nServer: Apache/2\r\nLocation: /next\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2f\r\n\u001f\u008b\u0008\u0000\u00f3\u00a9\nk\u0002\u00ff\u00b3\u00c9(\u00c9\u00cd\u00b1KIM\u00ce\u00cf-(J-.NMQH\u00caO\u00a9\u00b4\u00d1\u0007\u008b\u0003\u0000\u00d5F\u00e5\u00b2\u001e\u0000\u0000\u0000\r\n0\r\n\r\n",
        "raw09 body",
        "HTTP/1.0 200 OK\r\nX-A: 1\r\n  2\r\nSet-Cookie: k=v\r\nContent-Length: 2\r\n\r\nok"
    };

    private final HttpTx[] txs = new HttpTx[REQUESTS.length];

    @Test
    void buffersEqualSuricatas() {
        for (int i = 0; i < REQUESTS.length; i++) {
            HttpParser p = HttpParserTest.parse(REQUESTS[i], RESPONSES[i]);
            p.onEnd(true);
            p.onEnd(false);
            assertEquals(1, p.txCount());
            txs[i] = p.tx(0);
        }
        check(0, "file.data (to_client)", "<html>decompressed body</html>", t -> t.responseBody());
        check(0, "file.data (to_server)", "a=b&c=d", t -> t.requestBody());
        check(0, "http.accept_enc (to_server)", "gzip, deflate", t -> t.acceptEncoding());
        check(0, "http.accept_lang (to_server)", "en-US", t -> t.acceptLanguage());
        check(0, "http.accept (to_server)", "*/*", t -> t.accept());
        check(0, "http.connection (to_client)", "close", t -> t.header(false, HttpBytes.ascii("connection"), new Slice()));
        check(0, "http.connection (to_server)", "keep-alive", t -> t.connection());
        check(0, "http.content_type (to_client)", "text/html", t -> t.responseContentType());
        check(0, "http.content_type (to_server)", "application/x-www-form-urlencoded", t -> t.requestContentType());
        check(0, "http.header_names (to_client)", "\r\nServer\r\nLocation\r\nContent-Type\r\nContent-Encoding\r\nTransfer-Encoding\r\nConnection\r\n\r\n", t -> t.responseHeaderNames());
        check(0, "http.header_names (to_server)", "\r\nHost\r\nAccept\r\nAccept-Encoding\r\nAccept-Language\r\nReferer\r\nConnection\r\nContent-Type\r\nTransfer-Encoding\r\n\r\n", t -> t.requestHeaderNames());
        check(0, "http.header (to_client)", "Server: Apache/2\r\nLocation: /next\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n", t -> t.responseHeader());
        check(0, "http.header (to_server)", "Host: Example.COM\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\nAccept-Language: en-US\r\nReferer: http://ref/\r\nConnection: keep-alive\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n", t -> t.requestHeader());
        check(0, "http.host (to_server)", "example.com", t -> t.host());
        check(0, "http.location (to_client)", "/next", t -> t.location());
        check(0, "http.method (to_server)", "POST", t -> t.method());
        check(0, "http.protocol (to_client)", "HTTP/1.1", t -> t.responseProtocol());
        check(0, "http.protocol (to_server)", "HTTP/1.1", t -> t.requestProtocol());
        check(0, "http.referer (to_server)", "http://ref/", t -> t.referer());
        check(0, "http.request_body (to_server)", "a=b&c=d", t -> t.requestBody());
        check(0, "http.request_line (to_server)", "POST /up?x=1 HTTP/1.1", t -> t.requestLine());
        check(0, "http.response_body (to_client)", "<html>decompressed body</html>", t -> t.responseBody());
        check(0, "http.response_line (to_client)", "HTTP/1.1 200 OK", t -> t.responseLine());
        check(0, "http.server (to_client)", "Apache/2", t -> t.server());
        check(0, "http.start (to_client)", "HTTP/1.1 200 OK\r\nServer: Apache/2\r\nLocation: /next\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", t -> t.responseStart());
        check(0, "http.start (to_server)", "POST /up?x=1 HTTP/1.1\r\nHost: Example.COM\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\nAccept-Language: en-US\r\nReferer: http://ref/\r\nConnection: keep-alive\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n", t -> t.requestStart());
        check(0, "http.stat_code (to_client)", "200", t -> t.statusCode());
        check(0, "http.uri (to_server)", "/up?x=1", t -> t.uri());
        check(1, "file.data (to_client)", "raw09 body", t -> t.responseBody());
        check(1, "http.method (to_server)", "GET", t -> t.method());
        check(1, "http.request_line (to_server)", "GET /a/b/..", t -> t.requestLine());
        check(1, "http.response_body (to_client)", "raw09 body", t -> t.responseBody());
        check(1, "http.start (to_server)", "GET /a/b/..\r\n", t -> t.requestStart());
        check(1, "http.uri (to_server)", "/a", t -> t.uri());
        check(2, "file.data (to_client)", "ok", t -> t.responseBody());
        check(2, "http.content_len (to_client)", "2", t -> t.responseContentLength());
        check(2, "http.header_names (to_client)", "\r\nX-A\r\nSet-Cookie\r\nContent-Length\r\n\r\n", t -> t.responseHeaderNames());
        check(2, "http.header_names (to_server)", "\r\nHost\r\n\r\n", t -> t.requestHeaderNames());
        check(2, "http.header (to_client)", "X-A: 1  2\r\nContent-Length: 2\r\n", t -> t.responseHeader());
        check(2, "http.header (to_server)", "Host: h\r\n", t -> t.requestHeader());
        check(2, "http.host (to_server)", "h", t -> t.host());
        check(2, "http.method (to_server)", "GET", t -> t.method());
        check(2, "http.protocol (to_client)", "HTTP/1.0", t -> t.responseProtocol());
        check(2, "http.protocol (to_server)", "HTTP/1.0", t -> t.requestProtocol());
        check(2, "http.request_line (to_server)", "GET /x/./y/. HTTP/1.0", t -> t.requestLine());
        check(2, "http.response_body (to_client)", "ok", t -> t.responseBody());
        check(2, "http.response_line (to_client)", "HTTP/1.0 200 OK", t -> t.responseLine());
        check(2, "http.start (to_client)", "HTTP/1.0 200 OK\r\nX-A: 1  2\r\nSet-Cookie: k=v\r\nContent-Length: 2\r\n\r\n", t -> t.responseStart());
        check(2, "http.start (to_server)", "GET /x/./y/. HTTP/1.0\r\nHost: h\r\n\r\n", t -> t.requestStart());
        check(2, "http.stat_code (to_client)", "200", t -> t.statusCode());
        check(2, "http.uri (to_server)", "/x/y", t -> t.uri());
    }

    private void check(int exchange, String buffer, String expected, java.util.function.Function<HttpTx, Slice> get) {
        assertEquals(expected, get.apply(txs[exchange]).toString(), buffer + " of exchange " + exchange);
    }
}
