package dev.rampart.cli.demo;

import dev.rampart.capture.PcapWriter;
import dev.rampart.capture.synth.Dns;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Tls;
import dev.rampart.capture.synth.Trace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the demo capture ({@code demo/demo.pcap}): a small office network (HOME_NET
 * 192.168.56.0/24) with a workstation browsing and resolving names, and a web server that an
 * outside scanner attacks. Everything is synthetic and deterministic: the same code always writes
 * the same bytes, which a test checks against the committed file.
 *
 * <p>Regenerate with {@code java -cp cli/target/rampart.jar dev.rampart.cli.demo.DemoTraffic
 * cli/src/main/resources/demo/demo.pcap}.
 */
public final class DemoTraffic {
    /** 2025-01-15T09:30:00Z. */
    public static final long START_MICROS = 1_736_933_400_000_000L;

    private static final String GATEWAY_MAC = "02:00:c0:a8:38:01";
    static final Host GATEWAY = Host.of("192.168.56.1", GATEWAY_MAC);
    static final Host WORKSTATION = Host.of("192.168.56.10", "02:00:c0:a8:38:0a");
    static final Host WEB_SERVER = Host.of("192.168.56.20", "02:00:c0:a8:38:14");
    // outside hosts are seen behind the gateway, so they carry its MAC address
    static final Host EXAMPLE_WEB = Host.of("198.51.100.10", GATEWAY_MAC);
    static final Host EVIL_HOST = Host.of("198.51.100.66", GATEWAY_MAC);
    static final Host SCANNER = Host.of("203.0.113.66", GATEWAY_MAC);

    private DemoTraffic() {
    }

    public static Trace build() {
        Trace t = new Trace(START_MICROS, 350);

        // 1. benign: the workstation resolves and fetches www.example.com
        dns(t, 0x3a41, 53001, "www.example.com", "198.51.100.10");
        t.advance(20_000);
        new TcpSession(t, WORKSTATION, 50110, EXAMPLE_WEB, 80, 0x1c2d3e4fL, 0x6a7b8c9dL)
                .handshake()
                .clientSends(ascii("GET / HTTP/1.1\r\n"
                        + "Host: www.example.com\r\n"
                        + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
                        + "Accept: text/html\r\n"
                        + "\r\n"))
                .serverSends(http200("text/html", "<html><body><h1>Example Domain</h1></body></html>\n"))
                .close();
        t.advance(250_000);

        // 2. suspicious: the workstation looks up and contacts cdn.evil-updates.test over TLS
        dns(t, 0x51c7, 53002, "cdn.evil-updates.test", "198.51.100.66");
        t.advance(15_000);
        new TcpSession(t, WORKSTATION, 50112, EVIL_HOST, 443, 0x22446688L, 0x13579bdfL)
                .handshake()
                .clientSends(Tls.clientHello("cdn.evil-updates.test", 0x5eed))
                .close();
        t.advance(400_000);

        // 3. attacks on the web server from outside: SQL injection by sqlmap, path traversal, web shell
        new TcpSession(t, SCANNER, 41234, WEB_SERVER, 80, 0x0badf00dL, 0x7e57c0deL)
                .handshake()
                .clientSends(ascii("GET /products.php?id=1%20UNION%20SELECT%20username%2Cpassword%20FROM%20users-- "
                        + "HTTP/1.1\r\n"
                        + "Host: shop.example.net\r\n"
                        + "User-Agent: sqlmap/1.8.2#stable (https://sqlmap.org)\r\n"
                        + "Accept: */*\r\n"
                        + "\r\n"))
                .serverSends(http200("text/html", "<html><body>No products found.</body></html>\n"))
                .close();
        t.advance(120_000);
        new TcpSession(t, SCANNER, 41236, WEB_SERVER, 80, 0x0badf10dL, 0x7e57c1deL)
                .handshake()
                .clientSends(ascii("GET /download.php?file=../../../../etc/passwd HTTP/1.1\r\n"
                        + "Host: shop.example.net\r\n"
                        + "User-Agent: curl/8.5.0\r\n"
                        + "Accept: */*\r\n"
                        + "\r\n"))
                .serverSends(http200("text/plain", "root:x:0:0:root:/root:/bin/bash\n"
                        + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                        + "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n"))
                .close();
        t.advance(120_000);
        new TcpSession(t, SCANNER, 41238, WEB_SERVER, 80, 0x0badf20dL, 0x7e57c2deL)
                .handshake()
                .clientSends(ascii("GET /uploads/shell.php?cmd=id HTTP/1.1\r\n"
                        + "Host: shop.example.net\r\n"
                        + "User-Agent: curl/8.5.0\r\n"
                        + "Accept: */*\r\n"
                        + "\r\n"))
                .serverSends(http200("text/plain", "uid=33(www-data) gid=33(www-data) groups=33(www-data)\n"))
                .close();
        t.advance(300_000);

        // 4. benign: a second lookup the pass rule is written for
        dns(t, 0x6b02, 53003, "mail.example.com", "198.51.100.25");
        return t;
    }

    /** The demo capture as pcap bytes. */
    public static byte[] pcapBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    public static void write(OutputStream out) throws IOException {
        try (PcapWriter w = new PcapWriter(out)) {
            build().writeTo(w);
        }
    }

    private static void dns(Trace t, int id, int clientPort, String name, String answer) {
        t.udp(WORKSTATION, clientPort, GATEWAY, 53, id, Dns.query(id, name, Dns.TYPE_A));
        t.advance(8_000); // the resolver takes a moment
        t.udp(GATEWAY, 53, WORKSTATION, clientPort, id + 1,
                Dns.response(id, name, Dns.TYPE_A, Dns.RCODE_NOERROR, List.of(Dns.Answer.a(300, answer))));
    }

    private static byte[] http200(String contentType, String body) {
        byte[] b = ascii(body);
        return ascii("HTTP/1.1 200 OK\r\n"
                + "Server: nginx\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + b.length + "\r\n"
                + "\r\n"
                + body);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "cli/src/main/resources/demo/demo.pcap");
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            write(out);
        }
        System.out.println("wrote " + target + " (" + Files.size(target) + " bytes)");
    }
}
