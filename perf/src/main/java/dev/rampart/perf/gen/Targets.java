package dev.rampart.perf.gen;

/**
 * Strings that simple ET Open rules (../shared/rulesets/et-open) match, carried by about 1% of the
 * generated requests so that a detection run has something to alert on. Each entry names the rule:
 * all are {@code $HOME_NET -> $EXTERNAL_NET} (or {@code any}) rules with one plain content match
 * on the buffer named, and no flowbits, pcre or thresholds. Checked with the reference Suricata
 * and all ET Open rules: these sids (and 2027565, see below) are the only alerts on a generated
 * capture; the background user agents avoid ET POLICY rules (e.g. APT's, sid 2013504).
 */
final class Targets {
    private Targets() {
    }

    /** An ET rule and the value that makes it match. */
    record Target(int sid, String value) {
    }

    /** http.user_agent. */
    static final Target[] USER_AGENTS = {
        // ET ADWARE_PUP Drivecleaner.com Spyware User-Agent: content:"DriveCleaner Updater"; bsize:20
        new Target(2003486, "DriveCleaner Updater"),
        // ET ADWARE_PUP W32/SpeedRunner User-Agent SRRemove: content:"SRRemove"; startswith
        new Target(2013394, "SRRemove/2.1"),
        // ET ADWARE_PUP User-Agent (M0zilla): content:"M0zilla/4.0|20|(compatible)"; startswith
        // (ET USER_AGENTS Fake Mozilla User-Agent String Observed (M0zilla), sid 2027565, fires too)
        new Target(2010265, "M0zilla/4.0 (compatible)"),
    };

    /** http.uri. */
    static final Target[] URIS = {
        // ET ADWARE_PUP Unknown Malware patchlist.xml Request: content:"/update/patchlist.xml"
        new Target(2013200, "/update/patchlist.xml"),
        // ET EXPLOIT_KIT Gondad Exploit Kit Post Exploitation Request: content:"/cve2012xxxx/Gondvv.class"
        new Target(2016256, "/cve2012xxxx/Gondvv.class"),
    };

    /** dns.query. */
    static final Target[] DNS_NAMES = {
        // ET ADWARE_PUP Observed DNS Query to Malvertising Related Domain: content:"gdprcountryrestriction.com"; bsize:26
        new Target(2030014, "gdprcountryrestriction.com"),
        // ET ADWARE_PUP Observed DNS Query to PUP Domain (omnatuor .com): content:"omnatuor.com"; bsize:12
        new Target(2043093, "omnatuor.com"),
        // ET ATTACK_RESPONSE DNS Query for ... log4j. leakix .net: content:"log4j.leakix.net"; endswith
        new Target(2034831, "log4j.leakix.net"),
    };

    /** tls.sni. */
    static final Target[] SNIS = {
        // ET ADWARE_PUP Observed Honeygain Domain (api .honeygain .com in TLS SNI): content:"api.honeygain.com"; bsize:17
        new Target(2033900, "api.honeygain.com"),
    };
}
