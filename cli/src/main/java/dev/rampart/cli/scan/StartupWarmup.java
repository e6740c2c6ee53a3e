package dev.rampart.cli.scan;

import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.engine.detect.mpm.HyperscanMatcher;
import dev.rampart.engine.detect.mpm.MpmKind;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up work done on a spare core while the main thread builds the command line and reads the
 * configuration (~0.2-0.3 s of one thread, the other core mostly idle then): parses and compiles a
 * few rules that use the keywords ET Open uses most, so the parser's and compiler's classes are
 * loaded and initialised and their hot methods are queued for C1 before the real rule load starts;
 * then loads the Hyperscan library. Touches no state a plan depends on (the rules' only shared
 * traces are the content-search and metadata-string caches, which hold equal values anyway);
 * a failure here only loses the head start.
 */
public final class StartupWarmup {
    /** Own rules (not from any rule set) with ET Open's common keywords, payload and app-layer buffers. */
    static final String RULES = """
            alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"warm http"; flow:established,to_server; \
            http.method; content:"POST"; http.uri; content:"/a/b.php?x="; fast_pattern; startswith; \
            http.user_agent; content:"Agent"; nocase; http.host; content:".example"; endswith; \
            http.header_names; content:!"Referer"; http.request_body; content:"id="; depth:3; \
            reference:url,example.org/w; classtype:trojan-activity; sid:1; rev:2; \
            metadata:affected_product Any, attack_target Client_Endpoint, created_at 2020_01_01, updated_at 2020_01_02;)
            alert http $EXTERNAL_NET any -> $HOME_NET any (msg:"warm response"; flow:established,to_client; \
            http.stat_code; content:"200"; http.content_type; content:"application/x"; file.data; \
            content:"MZ"; within:2; content:"PE|00 00|"; distance:0; isdataat:100,relative; \
            flowbits:isset,warm.get; classtype:bad-unknown; sid:2; rev:1;)
            alert http $HOME_NET any -> $EXTERNAL_NET any (msg:"warm set"; flow:to_server; \
            http.uri; content:"/gate"; bsize:<40; urilen:>4; http.header; content:"X-Id|3a 20|"; \
            flowbits:set,warm.get; flowbits:noalert; sid:3; rev:1;)
            alert dns $HOME_NET any -> any any (msg:"warm dns"; dns.query; content:"warm-example"; nocase; \
            dotprefix; content:".top"; endswith; pcre:"/^[a-z0-9]{8,}\\./"; threshold:type limit, track by_src, \
            count 1, seconds 60; classtype:bad-unknown; sid:4; rev:1;)
            alert tls $EXTERNAL_NET any -> $HOME_NET any (msg:"warm tls"; flow:established,to_client; \
            tls.cert_subject; content:"CN=warm"; tls.certs; content:"|30 82|"; ja3s.hash; \
            content:"0123456789abcdef0123456789abcdef"; sid:5; rev:1;)
            alert tls $HOME_NET any -> $EXTERNAL_NET any (msg:"warm sni"; flow:established,to_server; tls.sni; \
            content:"warm.example"; bsize:12; fast_pattern; ja3.hash; content:"fedcba9876543210fedcba9876543210"; \
            target:dest_ip; sid:6; rev:1;)
            alert tcp any any -> $HOME_NET 445 (msg:"warm payload"; flow:established,to_server; dsize:>20; \
            content:"|ff|SMB"; offset:4; depth:4; byte_test:1,&,1,0,relative; byte_jump:2,7,little,relative; \
            content:"warm"; distance:0; within:50; pcre:"/w[a-z]{2}m/Ri"; stream_size:client,>,10; sid:7; rev:1;)
            alert udp $HOME_NET any -> $EXTERNAL_NET 53 (msg:"warm udp"; content:"|01 00 00 01|"; offset:2; \
            depth:4; content:"|05|warm"; distance:0; nocase; xbits:set,warm.x,track ip_src; sid:8; rev:1;)
            alert icmp any any -> any any (msg:"warm icmp"; itype:8; icode:0; content:"warm"; sid:9; rev:1;)
            alert ip [192.0.2.1,198.51.100.0/24,203.0.113.7] any -> $HOME_NET any (msg:"warm ip list"; \
            threshold:type limit, track by_src, seconds 3600, count 1; flowbits:set,warm.ip; sid:10; rev:3;)
            alert http any any -> any any (msg:"warm base64"; http.referer; content:"http"; http.accept; \
            content:"*/*"; http.request_line; content:"GET /"; http.start; content:"Host"; http.cookie; \
            content:"s="; base64_decode:bytes 20, offset 2, relative; base64_data; content:"warm"; sid:11; rev:1;)
            """;
    static final int ROUNDS = 8;
    /**
     * Set when the scan starts reading its rules: the warm-up then ends after its current round.
     * Past that point it only competes with the two parsing slices for the two cores (it ran
     * until 0.5-1.0 s after JVM start, the rules were read from ~0.25 s).
     */
    private static volatile boolean stopped;

    private StartupWarmup() {
    }

    /** Starts the warm-up on a daemon thread (it never delays exit) and returns that thread. */
    public static Thread start() {
        Thread t = new Thread(StartupWarmup::run, "rampart-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Ends the warm-up after its current round (the real rule load has begun). */
    public static void stop() {
        stopped = true;
    }

    static void run() {
        warm(Boolean.getBoolean("rampart.warmup.wait"));
    }

    /**
     * The warm-up; returns the rounds it ran: one at least (it loads the classes), then until
     * {@link #stop()}, or all of them when {@code all} (the launcher's class-list training run).
     */
    static int warm(boolean all) {
        int round = 0;
        try {
            RuleEnvironment env = RuleEnvironment.suricataDefaults();
            for (; round < ROUNDS && (round == 0 || all || !stopped); round++) {
                RuleParser parser = new RuleParser(env);
                List<Rule> rules = new ArrayList<>();
                for (RuleFileLoader.RuleText rt : RuleFileLoader.split("warmup", RULES)) {
                    rules.add(parser.parse(rt.text()));
                }
                DetectionPlan.build(rules, env, MpmKind.AHO_CORASICK, null);
            }
            // the prefilter library last: the plan needs it only once the rules are parsed, and its
            // load (~40 ms) first put the parser's warm-up after the start of the real parse
            HyperscanMatcher.available();
        } catch (Exception | LinkageError e) {
            // only the head start is lost
        }
        return round;
    }

    /** For tests: as before any scan read its rules. */
    static void resetForTest() {
        stopped = false;
    }
}
