package dev.rampart.perf.gen;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * An HTTP/1.1 keep-alive connection: several requests (mostly GET, some POST uploads), each
 * answered before the next is sent. Responses carry Content-Length or chunked bodies, some gzip
 * encoded; about 1% of requests carry a User-Agent or URI an ET Open rule alerts on
 * ({@link Targets}).
 */
final class HttpScript implements Script {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.64 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
        "Microsoft-CryptoAPI/10.0",
    };
    private static final String[] SERVERS = {"nginx", "nginx/1.24.0", "Apache/2.4.58 (Debian)", "cloudflare",
        "Microsoft-IIS/10.0", "AmazonS3", "ECS (dcb/7F5E)", "gws"};
    private static final String[] PAGES = {"index", "about", "news", "contact", "products", "search", "article",
        "category", "login", "account", "cart", "help", "blog", "archive"};
    private static final String[] WORDS = {"alpha", "river", "garden", "pixel", "orbit", "maple", "copper",
        "summer", "falcon", "harbor", "meadow", "vector", "cobalt", "lantern", "quartz", "willow"};

    private enum Kind { PAGE, SCRIPT, STYLE, IMAGE, API, DOWNLOAD }

    private final SplittableRandom rng;
    private final Corpus corpus;
    private final GenSummary summary;
    private final String host;
    private final String userAgent;
    private final boolean closeByServer;
    private final boolean reset;
    private int requests;
    private int sent;
    private boolean awaitingResponse;
    private Kind kind;
    private boolean post;

    HttpScript(SplittableRandom rng, Corpus corpus, GenSummary summary, String host) {
        this.rng = rng;
        this.corpus = corpus;
        this.summary = summary;
        this.host = host;
        this.userAgent = USER_AGENTS[rng.nextInt(USER_AGENTS.length)];
        this.requests = 1 + rng.nextInt(rng.nextInt(4) == 0 ? 20 : 6);
        this.closeByServer = rng.nextInt(4) == 0;
        this.reset = rng.nextInt(50) == 0;
    }

    @Override
    public Message next(long ts) {
        if (awaitingResponse) {
            awaitingResponse = false;
            return response(ts);
        }
        if (sent == requests) {
            return null;
        }
        sent++;
        awaitingResponse = true;
        return request();
    }

    @Override
    public void windDown() {
        requests = sent;
    }

    @Override
    public boolean serverClosesFirst() {
        return closeByServer;
    }

    @Override
    public boolean endsWithReset() {
        return reset;
    }

    private Message request() {
        int r = rng.nextInt(100);
        kind = r < 25 ? Kind.PAGE : r < 45 ? Kind.SCRIPT : r < 55 ? Kind.STYLE : r < 80 ? Kind.IMAGE
                : r < 97 ? Kind.API : Kind.DOWNLOAD;
        post = kind == Kind.API ? rng.nextInt(2) == 0 : rng.nextInt(40) == 0;
        String uri = uri();
        String ua = userAgent;
        if (rng.nextInt(100) == 0) {
            if (rng.nextBoolean()) {
                Targets.Target t = Targets.USER_AGENTS[rng.nextInt(Targets.USER_AGENTS.length)];
                ua = t.value();
                summary.targeted(t.sid());
            } else {
                Targets.Target t = Targets.URIS[rng.nextInt(Targets.URIS.length)];
                uri = t.value() + (rng.nextBoolean() ? "" : "?v=" + rng.nextInt(100));
                summary.targeted(t.sid());
            }
        }
        summary.httpRequests++;
        StringBuilder h = new StringBuilder(512);
        h.append(post ? "POST " : "GET ").append(uri).append(" HTTP/1.1\r\n");
        h.append("Host: ").append(host).append("\r\n");
        h.append("User-Agent: ").append(ua).append("\r\n");
        h.append("Accept: ").append(accept()).append("\r\n");
        h.append("Accept-Language: en-US,en;q=0.9\r\n");
        h.append("Accept-Encoding: gzip, deflate\r\n");
        if (rng.nextInt(3) > 0) {
            h.append("Referer: http://").append(host).append('/').append(PAGES[rng.nextInt(PAGES.length)])
                    .append(".html\r\n");
        }
        if (rng.nextBoolean()) {
            h.append("Cookie: sid=").append(Long.toHexString(rng.nextLong())).append("; theme=")
                    .append(rng.nextBoolean() ? "dark" : "light").append("\r\n");
        }
        Message m = new Message(true);
        if (post) {
            int upload = rng.nextInt(10);
            if (upload == 0) {
                int len = Corpus.logUniform(rng, 4096, 512 * 1024);
                h.append("Content-Type: application/octet-stream\r\n");
                bodyHeaders(h, len).append("\r\n");
                m.add(h.toString()).add(corpus.binary, rng.nextInt(corpus.binary.length - len), len);
            } else if (upload < 5) {
                byte[] form = ("user=" + WORDS[rng.nextInt(WORDS.length)] + rng.nextInt(1000) + "&token="
                        + Long.toHexString(rng.nextLong()) + "&q=" + WORDS[rng.nextInt(WORDS.length)] + "+"
                        + WORDS[rng.nextInt(WORDS.length)]).getBytes(StandardCharsets.US_ASCII);
                h.append("Content-Type: application/x-www-form-urlencoded\r\n");
                bodyHeaders(h, form.length).append("\r\n");
                m.add(h.toString()).add(form);
            } else {
                int len = Corpus.logUniform(rng, 64, 16 * 1024);
                h.append("Content-Type: application/json\r\n");
                bodyHeaders(h, len).append("\r\n");
                m.add(h.toString()).add(corpus.text, rng.nextInt(corpus.text.length - len), len);
            }
        } else {
            h.append("Connection: keep-alive\r\n\r\n");
            m.add(h.toString());
        }
        return m;
    }

    private StringBuilder bodyHeaders(StringBuilder h, int len) {
        return h.append("Content-Length: ").append(len).append("\r\nConnection: keep-alive\r\n");
    }

    private String uri() {
        String w = WORDS[rng.nextInt(WORDS.length)];
        switch (kind) {
            case PAGE:
                return rng.nextInt(5) == 0 ? "/" : "/" + PAGES[rng.nextInt(PAGES.length)]
                        + (rng.nextBoolean() ? ".html" : "/" + w + "-" + rng.nextInt(10000));
            case SCRIPT:
                return "/static/js/" + w + "." + Integer.toHexString(rng.nextInt()) + ".js";
            case STYLE:
                return "/assets/css/" + w + ".css?v=" + rng.nextInt(50);
            case IMAGE:
                return (rng.nextBoolean() ? "/images/" : "/wp-content/uploads/2024/0" + (1 + rng.nextInt(9)) + "/")
                        + w + "-" + rng.nextInt(5000) + (rng.nextBoolean() ? ".jpg" : ".png");
            case API:
                return "/api/v" + (1 + rng.nextInt(3)) + "/" + w + "/" + rng.nextInt(100000) + "?page="
                        + rng.nextInt(20) + "&sort=" + (rng.nextBoolean() ? "asc" : "desc");
            case DOWNLOAD:
            default:
                return "/downloads/" + w + "-" + (1 + rng.nextInt(9)) + "." + rng.nextInt(20) + ".tar.gz";
        }
    }

    private String accept() {
        switch (kind) {
            case PAGE:
                return "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
            case STYLE:
                return "text/css,*/*;q=0.1";
            case IMAGE:
                return "image/avif,image/webp,*/*";
            case API:
                return "application/json";
            default:
                return "*/*";
        }
    }

    private Message response(long ts) {
        Message m = new Message(false);
        StringBuilder h = new StringBuilder(384);
        int status = rng.nextInt(100);
        String date = HTTP_DATE.format(Instant.ofEpochSecond(ts / 1_000_000L));
        String server = SERVERS[rng.nextInt(SERVERS.length)];
        if (!post && status < 6) {
            h.append("HTTP/1.1 304 Not Modified\r\nDate: ").append(date).append("\r\nServer: ").append(server)
                    .append("\r\nETag: \"").append(Integer.toHexString(rng.nextInt())).append("\"\r\n")
                    .append(connection()).append("\r\n");
            return m.add(h.toString());
        }
        if (status < 9) {
            byte[] body = ("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n")
                    .getBytes(StandardCharsets.US_ASCII);
            h.append("HTTP/1.1 404 Not Found\r\nDate: ").append(date).append("\r\nServer: ").append(server)
                    .append("\r\nContent-Type: text/html\r\nContent-Length: ").append(body.length).append("\r\n")
                    .append(connection()).append("\r\n");
            return m.add(h.toString()).add(body);
        }
        h.append(post && rng.nextInt(3) == 0 ? "HTTP/1.1 201 Created\r\n" : "HTTP/1.1 200 OK\r\n");
        h.append("Date: ").append(date).append("\r\nServer: ").append(server).append("\r\n");
        byte[] bodyArray;
        int bodyOff;
        int bodyLen;
        boolean gzip = false;
        String type;
        switch (post ? Kind.API : kind) {
            case IMAGE:
                type = rng.nextBoolean() ? "image/jpeg" : "image/png";
                bodyLen = Corpus.logUniform(rng, 800, 300 * 1024);
                bodyArray = corpus.binary;
                break;
            case DOWNLOAD:
                type = "application/gzip";
                bodyLen = Corpus.logUniform(rng, 300 * 1024, Corpus.BINARY_SIZE - 1);
                bodyArray = corpus.binary;
                break;
            default:
                type = kind == Kind.PAGE ? "text/html; charset=utf-8" : kind == Kind.SCRIPT
                        ? "application/javascript" : kind == Kind.STYLE ? "text/css" : "application/json";
                gzip = rng.nextInt(5) < 2;
                if (gzip) {
                    bodyArray = corpus.gzip[rng.nextInt(corpus.gzip.length)];
                    bodyLen = bodyArray.length;
                } else {
                    bodyLen = Corpus.logUniform(rng, 200, post ? 4096 : 120 * 1024);
                    bodyArray = corpus.text;
                }
        }
        bodyOff = bodyArray.length == bodyLen ? 0 : rng.nextInt(bodyArray.length - bodyLen);
        h.append("Content-Type: ").append(type).append("\r\n");
        if (gzip) {
            h.append("Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n");
        }
        h.append("Cache-Control: ").append(rng.nextBoolean() ? "max-age=3600" : "no-cache").append("\r\n");
        boolean chunked = bodyArray != corpus.binary && rng.nextInt(5) == 0;
        if (!chunked) {
            h.append("Content-Length: ").append(bodyLen).append("\r\n").append(connection()).append("\r\n");
            return m.add(h.toString()).add(bodyArray, bodyOff, bodyLen);
        }
        h.append("Transfer-Encoding: chunked\r\n").append(connection()).append("\r\n");
        m.add(h.toString());
        int done = 0;
        while (done < bodyLen) {
            int n = Math.min(bodyLen - done, 1024 + rng.nextInt(15 * 1024));
            m.add(Integer.toHexString(n) + "\r\n").add(bodyArray, bodyOff + done, n).add(CRLF);
            done += n;
        }
        return m.add(LAST_CHUNK);
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private String connection() {
        return closeByServer && sent == requests ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    }
}
