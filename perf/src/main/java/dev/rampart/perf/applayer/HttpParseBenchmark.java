package dev.rampart.perf.applayer;

import dev.rampart.engine.applayer.StreamFrames;
import dev.rampart.engine.applayer.http.HttpConfig;
import dev.rampart.engine.applayer.http.HttpParser;
import dev.rampart.engine.applayer.http.HttpTx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One keep-alive HTTP/1.1 exchange through a warm {@link HttpParser}: a browser-like GET (14
 * headers, a URI that needs percent-decoding and dot-segment removal) and its response, each fed
 * in {@code segment}-byte pieces, then the transaction is read (uri, host, header buffers) and
 * released. {@code body}: {@code plain} (2 KB, Content-Length) or {@code gzip} (chunked, gzip of
 * 8 KB of HTML). {@code frames}: {@code none} (no frame rule loaded, the default) or {@code all}
 * (request, response and stream frames recorded with their bytes, then marked inspected and
 * pruned as detection does). Steady state should allocate nothing (check with {@code -prof gc}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1)
public class HttpParseBenchmark {
    @Param({"plain", "gzip"})
    public String body;

    @Param({"1460"})
    public int segment;

    @Param({"none", "all"})
    public String frames;

    private HttpParser parser;
    private byte[] request;
    private byte[] response;

    @Setup
    public void setup() throws Exception {
        request = ("GET /shop/./catalog/%7Euser/../items.php?id=42&q=%3Cscript%3E HTTP/1.1\r\n"
                + "Host: www.example.com\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\r\n"
                + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                + "Accept-Language: en-US,en;q=0.5\r\n"
                + "Accept-Encoding: gzip, deflate, br\r\n"
                + "Referer: https://www.example.com/shop/\r\n"
                + "Connection: keep-alive\r\n"
                + "Cookie: session=8f2a9c1e77b04d; theme=dark; consent=yes\r\n"
                + "Upgrade-Insecure-Requests: 1\r\n"
                + "Sec-Fetch-Dest: document\r\n"
                + "Sec-Fetch-Mode: navigate\r\n"
                + "Sec-Fetch-Site: same-origin\r\n"
                + "DNT: 1\r\n"
                + "Cache-Control: max-age=0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        String html = "<html><head><title>items</title></head><body>"
                + "<div class=\"item\">item description text</div>".repeat(180) + "</body></html>";
        String headers = "HTTP/1.1 200 OK\r\nDate: Sat, 28 Nov 2026 10:00:00 GMT\r\nServer: nginx/1.24.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\nCache-Control: private\r\n"
                + "Set-Cookie: last=42; Path=/\r\nVary: Accept-Encoding\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (body.equals("gzip")) {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(z)) {
                g.write(html.substring(0, Math.min(html.length(), 8192)).getBytes(StandardCharsets.ISO_8859_1));
            }
            byte[] zb = z.toByteArray();
            out.write((headers + "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < zb.length; i += 1000) {
                int n = Math.min(1000, zb.length - i);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(zb, i, n);
                out.write(new byte[] {'\r', '\n'});
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            byte[] b = html.substring(0, 2048).getBytes(StandardCharsets.ISO_8859_1);
            out.write((headers + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
        }
        response = out.toByteArray();
        HttpConfig cfg = new HttpConfig();
        if (frames.equals("all")) {
            cfg.frameTypes = (1 << StreamFrames.STREAM) | (1 << StreamFrames.HTTP1_REQUEST)
                    | (1 << StreamFrames.HTTP1_RESPONSE);
        }
        parser = new HttpParser(cfg);
    }

    @TearDown
    public void tearDown() {
        parser.close();
    }

    @Benchmark
    public int exchange() {
        HttpParser p = parser;
        feed(p, true, request);
        feed(p, false, response);
        HttpTx tx = p.tx(p.txCount() - 1);
        int sum = tx.uri().length + tx.host().length + tx.requestHeader().length + tx.requestHeaderNames().length
                + tx.responseBody().length + tx.statusNumber();
        p.releaseComplete();
        StreamFrames f = p.frames();
        if (f != null) {
            inspected(f, true);
            inspected(f, false);
        }
        return sum;
    }

    /** What detection leaves behind: every frame read up to what has arrived, then pruned. */
    private static void inspected(StreamFrames f, boolean toServer) {
        for (int i = 0; i < f.count(toServer); i++) {
            long len = f.length(toServer, i);
            f.progress(toServer, i, len >= 0 ? len : f.end(toServer) - f.offset(toServer, i));
        }
        f.prune(toServer);
    }

    private void feed(HttpParser p, boolean toServer, byte[] data) {
        for (int off = 0; off < data.length; off += segment) {
            p.onData(toServer, data, off, Math.min(segment, data.length - off));
        }
    }
}
