package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Anomaly events: each exchange went through suricata 7.0.10 (one TCP connection each, default
 * config); the expected names are the http "anomaly" events it logged for that flow (empty: none).
 */
class HttpEventTest {
    static final String[][] CASES = {
            {"GET / HTTP/1.1\r\nUser-Agent: x\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "missing_host_header"},
            {"  GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "request_line_leading_whitespace"},
            {"GET / HTTP/1.1\r\nHost: h\r\nnocolon\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "request_field_missing_colon"},
            {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", ""},
            {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "duplicate_content_length_field_in_request"},
            {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;a=b\r\nx\r\n0\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "request_chunk_extension"},
            {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc", "invalid_response_chunk_len"},
            {"GET / HTTP/1.1\r\n Host: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "invalid_request_field_folding"},
            {"GET / HTTP/1.1\r\nHost: h\r\nX: 1\r\nX: 2\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", ""},
            {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n", "response_invalid_status"},
            {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", "garbage response here\r\n", ""},
            {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "100_continue_already_seen"},
            {"", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "unable_to_match_response_to_request"},
            {"POST / HTTP/1.1\r\nHost: h\r\n\r\nlogin=x\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "request_body_unexpected"},
            {"GET /x\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", ""},
            {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 6\r\n\r\nnotgz!", "gzip_decompression_failed"},
            {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "invalid_transfer_encoding_value_in_request"},
            {"GET http://a/ HTTP/1.1\r\nHost: b\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "host_header_ambiguous"},
            {"GET / HTTP/1.1\r\nHost: a:xyz\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "request_header_host_invalid"},
            {"GET  /x HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", ""},
            {"GET\t/x HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "method_delim_non_compliant"},
            {"GET / HTTP/1.0\r\nHost: h\r\n\r\n", "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n", "response_chunked_old_proto"},
            {"GET /%2541 HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", ""},
            {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Encoding: foo\r\nContent-Length: 1\r\n\r\nx", "abnormal_ce_header"},
            {"GET / HTTP/1.1\r\nHost: h\r\nX y: 1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "request_header_invalid"},
            {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n  folded\r\n\r\nx", ""},
            {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nx", ""},
            {"GET / HTTP/1.1\r\nHost: h\r\nAuthorization: Foo bar\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "request_auth_unrecognized"},
    };

    @Test
    void eventsEqualSuricatas() {
        StringBuilder mismatches = new StringBuilder();
        for (String[] c : CASES) {
            HttpParser p = HttpParserTest.parse(c[0], c[1]);
            p.onEnd(true);
            p.onEnd(false);
            TreeSet<String> got = new TreeSet<>();
            for (int i = 0; i < p.txCount(); i++) {
                for (HttpEvent e : HttpEvent.values()) {
                    if (p.tx(i).hasEvent(e)) {
                        got.add(e.suricataName());
                    }
                }
            }
            String want = c[2];
            if (!String.join(",", got).equals(want)) {
                mismatches.append(c[0].replace("\r\n", "|")).append(" -> ").append(got).append(" want ").append(want)
                        .append('\n');
            }
        }
        assertEquals("", mismatches.toString());
    }
}
