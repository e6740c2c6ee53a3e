package dev.rampart.perf.gen;

import java.util.SplittableRandom;

/**
 * The address plan of the generated network: clients on 10.0.0.0/8 and 192.168.0.0/16 (HOME_NET in
 * Suricata's default configuration) behind one gateway, web servers on public addresses (one per
 * host name, in prefixes of real hosting providers), and public DNS resolvers.
 */
final class Network {
    /** The router every client frame to or from the Internet passes. */
    static final long GATEWAY_MAC = 0x00_1b_21_3a_4f_01L;

    static final String[] WEB_HOSTS = {
        "www.example-shop.com", "static.example-shop.com", "api.example-shop.com", "cdn.jsdelivr.net",
        "www.wikipedia.org", "en.wikipedia.org", "upload.wikimedia.org", "news.ycombinator.com",
        "www.bbc.co.uk", "feeds.bbci.co.uk", "www.theguardian.com", "i.guim.co.uk", "www.reddit.com",
        "old.reddit.com", "i.redd.it", "www.debian.org", "deb.debian.org", "security.debian.org",
        "archive.ubuntu.com", "download.mozilla.org", "ocsp.digicert.com", "crl3.digicert.com",
        "ctldl.windowsupdate.com", "www.msftconnecttest.com", "connectivitycheck.gstatic.com",
        "fonts.gstatic.com", "ajax.googleapis.com", "www.weather-now.net", "tiles.openstreetmap.org",
        "www.openstreetmap.org", "images.example-news.com", "www.example-news.com", "blog.example.org",
        "portal.intranet-partner.net", "updates.vendor-software.com", "files.example-cloud.io",
        "www.recipes-daily.com", "media.recipes-daily.com", "www.bookstore-online.com", "api.weather-now.net",
    };

    static final String[] TLS_HOSTS = {
        "www.google.com", "accounts.google.com", "www.youtube.com", "i.ytimg.com", "github.com",
        "api.github.com", "objects.githubusercontent.com", "www.microsoft.com", "login.microsoftonline.com",
        "outlook.office365.com", "teams.microsoft.com", "www.amazon.com", "m.media-amazon.com",
        "www.netflix.com", "slack.com", "edge.slack.com", "zoom.us", "www.dropbox.com",
        "www.linkedin.com", "static.licdn.com", "www.cloudflare.com", "update.googleapis.com",
        "safebrowsing.googleapis.com", "clients4.google.com", "www.apple.com", "gateway.icloud.com",
    };

    /** Hosting prefixes servers are drawn from: base address and prefix length. */
    private static final int[][] PROVIDER_PREFIXES = {
        {ip(151, 101, 0, 0), 16}, {ip(104, 16, 0, 0), 13}, {ip(142, 250, 0, 0), 15}, {ip(13, 32, 0, 0), 15},
        {ip(52, 84, 0, 0), 15}, {ip(185, 199, 108, 0), 22}, {ip(23, 32, 0, 0), 11}, {ip(199, 232, 0, 0), 16},
        {ip(91, 198, 174, 0), 24}, {ip(130, 89, 148, 0), 24}, {ip(212, 58, 224, 0), 19}, {ip(17, 253, 0, 0), 16},
    };

    private static final int[] RESOLVERS = {ip(8, 8, 8, 8), ip(8, 8, 4, 4), ip(1, 1, 1, 1), ip(9, 9, 9, 9)};

    private final Peer[] clients;
    private final int[] nextPort;
    private final Peer[] webServers;
    private final Peer[] tlsServers;
    private final Peer[] resolvers;
    private final Peer[] pingTargets;

    Network(SplittableRandom rng, int clientCount) {
        clients = new Peer[clientCount];
        nextPort = new int[clientCount];
        int tenNet = clientCount * 2 / 3;
        for (int i = 0; i < clientCount; i++) {
            int addr = i < tenNet
                    ? ip(10, 1 + (i / 250) % 200, rng.nextInt(256), 1 + i % 250)
                    : ip(192, 168, (i - tenNet) / 250 % 256, 2 + (i - tenNet) % 250);
            clients[i] = new Peer(addr, 0x02_00_00_00_00_00L | (addr & 0xffffffffL), 64);
            nextPort[i] = 32768 + rng.nextInt(28000);
        }
        webServers = servers(rng, WEB_HOSTS.length);
        tlsServers = servers(rng, TLS_HOSTS.length);
        resolvers = new Peer[RESOLVERS.length];
        for (int i = 0; i < RESOLVERS.length; i++) {
            resolvers[i] = new Peer(RESOLVERS[i], GATEWAY_MAC, 56 + rng.nextInt(4));
        }
        pingTargets = servers(rng, 16);
    }

    private static Peer[] servers(SplittableRandom rng, int n) {
        Peer[] s = new Peer[n];
        for (int i = 0; i < n; i++) {
            int[] prefix = PROVIDER_PREFIXES[rng.nextInt(PROVIDER_PREFIXES.length)];
            int hostBits = 32 - prefix[1];
            int host = 1 + rng.nextInt((1 << hostBits) - 2);
            s[i] = new Peer(prefix[0] | host, GATEWAY_MAC, 44 + rng.nextInt(16));
        }
        return s;
    }

    int clientCount() {
        return clients.length;
    }

    Peer client(int i) {
        return clients[i];
    }

    /**
     * The next ephemeral port of client {@code i}: each client counts up through 32768-60999 as
     * Linux does, so a 5-tuple comes back only after ~28,000 connections of that client.
     */
    int ephemeralPort(int i) {
        int p = nextPort[i];
        nextPort[i] = p >= 60999 ? 32768 : p + 1;
        return p;
    }

    Peer webServer(int hostIndex) {
        return webServers[hostIndex];
    }

    Peer tlsServer(int hostIndex) {
        return tlsServers[hostIndex];
    }

    Peer resolver(int i) {
        return resolvers[i % resolvers.length];
    }

    int resolverCount() {
        return resolvers.length;
    }

    Peer pingTarget(int i) {
        return pingTargets[i % pingTargets.length];
    }

    int pingTargetCount() {
        return pingTargets.length;
    }

    static int ip(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }
}
