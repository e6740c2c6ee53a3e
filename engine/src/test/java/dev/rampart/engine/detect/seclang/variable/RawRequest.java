package dev.rampart.engine.detect.seclang.variable;

import java.util.ArrayList;
import java.util.List;

/** Test helper: feeds a raw HTTP/1 request (CRLF lines, Latin-1) to a new HttpVariables. */
final class RawRequest {

    private RawRequest() {
    }

    static HttpVariables of(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        String head = end < 0 ? raw : raw.substring(0, end);
        String body = end < 0 ? null : raw.substring(end + 4);
        String[] lines = head.split("\r\n");
        String[] rl = lines[0].split(" ", 3);
        List<VarEntry> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.add(new VarEntry(lines[i].substring(0, c), lines[i].substring(c + 1).trim()));
        }
        HttpVariables v = new HttpVariables();
        v.connection("192.0.2.7", 40000, "198.51.100.1", 80);
        v.request(rl[0], rl[1], rl.length > 2 ? rl[2] : "", headers, body == null || body.isEmpty() ? null : body);
        return v;
    }

    static List<VarEntry> e(String... kv) {
        List<VarEntry> out = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.add(new VarEntry(kv[i], kv[i + 1]));
        }
        return out;
    }

    static List<VarEntry> s(String value) {
        return List.of(new VarEntry("", value));
    }

    static String multipart(String boundaryParam, String body) {
        return "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; " + boundaryParam
                + "\r\n\r\n" + body;
    }
}
