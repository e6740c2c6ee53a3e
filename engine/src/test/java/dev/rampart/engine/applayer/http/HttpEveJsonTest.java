package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpEveJsonTest {
    @Test
    void rendersSuricatasAlertHttpObject() {
        // the same request/response pair through suricata 7.0.10 gave exactly this object
        HttpParser p = HttpParserTest.parse("POST /p?x=1 HTTP/1.1\r\nHost: h.example\r\nUser-Agent: Moz \"q\"\r\n"
                + "Referer: http://r/\r\nContent-Type: text/plain; charset=x\r\nContent-Length: 2\r\n"
                + "X-Forwarded-For: 1.2.3.4\r\n\r\nab", "HTTP/1.1 302 Found\r\nLocation: /new\r\n"
                + "Content-Type: text/html\r\nContent-Length: 3\r\n\r\nabc");
        StringBuilder sb = new StringBuilder();
        new HttpEveJson().append(p.tx(0), sb);
        assertEquals("\"http\":{\"hostname\":\"h.example\",\"url\":\"/p?x=1\",\"http_user_agent\":\"Moz \\\"q\\\"\","
                + "\"xff\":\"1.2.3.4\",\"http_content_type\":\"text/html\",\"http_refer\":\"http://r/\","
                + "\"http_method\":\"POST\",\"protocol\":\"HTTP/1.1\",\"status\":302,\"redirect\":\"/new\","
                + "\"length\":3}", sb.toString());
    }

    @Test
    void portFromHostHeader() {
        HttpParser p = HttpParserTest.parse(HttpParserTest.REQ1, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                + "Server: srv\r\n\r\nhello");
        StringBuilder sb = new StringBuilder();
        new HttpEveJson().append(p.tx(0), sb);
        // oracle (http event of the same capture): hostname, http_port, url, http_user_agent, ...
        assertEquals("\"http\":{\"hostname\":\"WWW.Ex.com\",\"http_port\":8080,"
                + "\"url\":\"/A%41/./b/../C%u0044//e\\\\f%2fg;x?Q=%41+b#frag\",\"http_user_agent\":\"UA\","
                + "\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200,\"length\":5}", sb.toString());
    }

    @Test
    void escapesBytesAsSuricataDoes() {
        // suricata 7.0.10 logged exactly this for the same bytes
        HttpParser p = HttpParserTest.parse("GET /\u00e9\u0001\u007f HTTP/1.1\r\nHost: h\r\nUser-Agent: a\u00c3\u00a9b\u00ffc\u0001d/"
                + "\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=x\r\nContent-Length: 0\r\n\r\n");
        StringBuilder sb = new StringBuilder();
        new HttpEveJson().append(p.tx(0), sb);
        assertEquals("\"http\":{\"hostname\":\"h\",\"url\":\"/\\\\xe9\\u0001\u007f\",\"http_user_agent\":"
                + "\"a\\\\xc3\\\\xa9b\\\\xffc\\u0001d/\",\"http_content_type\":\"text/plain\",\"http_method\":\"GET\","
                + "\"protocol\":\"HTTP/1.1\",\"status\":200,\"length\":0}", sb.toString());
    }

    @Test
    void contentRangeAfterTheContentType() {
        // suricata 7.0.10 on http2-range's HTTP/1 flows: the same members in this order
        HttpParser p = HttpParserTest.parse("GET /eicar HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nRange: bytes=10-20\r\n\r\n",
                "HTTP/1.1 206 Partial Content\r\nContent-Type: text/plain\r\nContent-Range: bytes 10-20/69\r\n"
                        + "Content-Length: 0\r\n\r\n");
        StringBuilder sb = new StringBuilder();
        new HttpEveJson().append(p.tx(0), sb);
        assertEquals("\"http\":{\"hostname\":\"127.0.0.1\",\"http_port\":8080,\"url\":\"/eicar\","
                + "\"http_content_type\":\"text/plain\",\"content_range\":{\"raw\":\"bytes 10-20/69\",\"start\":10,"
                + "\"end\":20,\"size\":69},\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":206,\"length\":0}",
                sb.toString());
        // another form (a multipart range's "*" start, a unit other than bytes) is not logged
        HttpParser q = HttpParserTest.parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n",
                "HTTP/1.1 416 No\r\nContent-Range: items */69\r\nContent-Length: 0\r\n\r\n");
        StringBuilder sq = new StringBuilder();
        new HttpEveJson().append(q.tx(0), sq);
        assertEquals(false, sq.toString().contains("content_range"));
    }
}
