package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.tls.TlsParser;
import dev.rampart.engine.applayer.tls.TlsSession;
import dev.rampart.engine.applayer.tls.X509Certificate;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.app.SslStateOption;
import dev.rampart.rules.keyword.app.SslVersionOption;
import dev.rampart.rules.keyword.app.TlsCertValidityOption;
import dev.rampart.rules.keyword.app.TlsDnOption;
import dev.rampart.rules.keyword.app.TlsFingerprintOption;
import dev.rampart.rules.keyword.app.TlsVersionOption;

/**
 * The TLS keywords that are not sticky buffers, as transaction matchers on the flow's one TLS
 * transaction (the parser): ssl_state, ssl_version, tls.version (the side of the packet's
 * direction), the legacy certificate matches tls.subject / tls.issuerdn / tls.fingerprint and the
 * validity keywords (server certificate, to-client only, as Suricata registers them), tls.store.
 */
public final class TlsKeywords {
    /** Suricata's SSL_AL_FLAG_STATE_UNKNOWN has no counterpart in our parser: never set. */
    private static final int STATE_UNKNOWN = 1 << 30;
    private static final long NANOS = 1_000_000_000L;

    private TlsKeywords() {
    }

    /**
     * ssl_state: Suricata matches when {@code (listed & current) ^ negatedListed} is non-zero, over
     * the flags of the latest delivery: any listed state just seen, or any negated one not seen.
     */
    public static void sslState(RuleOption option, RuleBuilder rule) {
        SslStateOption o = (SslStateOption) option;
        int flags = 0;
        int mask = 0;
        for (SslStateOption.State s : o.states()) {
            flags |= bit(s);
        }
        for (SslStateOption.State s : o.negated()) {
            mask |= bit(s);
        }
        int f = flags;
        int m = mask;
        rule.addTxMatcher(AppProto.TLS, AppBuffer.BOTH,
                (ctx, s, tx) -> ((f & ((TlsSession) s).currentStateFlags()) ^ m) != 0);
    }

    private static int bit(SslStateOption.State s) {
        return switch (s) {
            case CLIENT_HELLO -> TlsParser.STATE_CLIENT_HELLO;
            case SERVER_HELLO -> TlsParser.STATE_SERVER_HELLO;
            case CLIENT_KEYX -> TlsParser.STATE_CLIENT_KEYX;
            case SERVER_KEYX -> TlsParser.STATE_SERVER_KEYX;
            case UNKNOWN -> STATE_UNKNOWN;
        };
    }

    /**
     * ssl_version: the version of the packet's side is one of the listed. Suricata XORs "listed"
     * with the negation flag of the side's own version entry, so a negated list never matches
     * (a listed version is negated, an unlisted one is not listed); 7.0.10 agrees.
     */
    public static void sslVersion(RuleOption option, RuleBuilder rule) {
        SslVersionOption o = (SslVersionOption) option;
        rule.addTxMatcher(AppProto.TLS, AppBuffer.BOTH, (ctx, s, tx) -> {
            if (o.negated()) {
                return false;
            }
            SslVersionOption.Version v = named(side((TlsParser) tx, ctx.toServer));
            return v != null && o.versions().contains(v);
        });
    }

    static SslVersionOption.Version named(int wire) {
        if ((wire >>> 8) == 0x7F) {
            return SslVersionOption.Version.TLS1_3; // TLS 1.3 drafts
        }
        return switch (wire) {
            case 0x0002, 0x0200 -> SslVersionOption.Version.SSLV2;
            case 0x0300 -> SslVersionOption.Version.SSLV3;
            case 0x0301 -> SslVersionOption.Version.TLS1_0;
            case 0x0302 -> SslVersionOption.Version.TLS1_1;
            case 0x0303 -> SslVersionOption.Version.TLS1_2;
            case 0x0304 -> SslVersionOption.Version.TLS1_3;
            default -> null;
        };
    }

    /** tls.version: the packet's side's version; TLS 1.3 drafts count as 1.3 unless the rule names a draft. */
    public static void tlsVersion(RuleOption option, RuleBuilder rule) {
        int want = ((TlsVersionOption) option).version();
        boolean raw = (want >>> 8) == 0x7F;
        rule.addTxMatcher(AppProto.TLS, AppBuffer.BOTH, (ctx, s, tx) -> {
            int v = side((TlsParser) tx, ctx.toServer);
            if (!raw && (v >>> 8) == 0x7F) {
                v = 0x0304;
            }
            return v != 0 && v == want;
        });
    }

    /**
     * The version of one side as Suricata keeps it: the server's from its hello (supported_versions
     * included); the client's from its hello, replaced by the first known version of its
     * supported_versions list when it sends one (GREASE and unknown values skipped).
     */
    static int side(TlsParser p, boolean toServer) {
        if (!toServer) {
            return p.version();
        }
        dev.rampart.engine.applayer.Slice sv = p.clientHello().supportedVersions;
        if (p.clientHello().present && sv.array != null && sv.length >= 2) {
            for (int i = sv.offset; i + 1 < sv.offset + sv.length; i += 2) {
                int v = (sv.array[i] & 0xFF) << 8 | (sv.array[i + 1] & 0xFF);
                if (known(v)) {
                    return v;
                }
            }
        }
        return p.clientVersion();
    }

    private static boolean known(int v) {
        return (v >= 0x0300 && v <= 0x0304) || (v >>> 8) == 0x7F || (v >= 0xFB1A && v <= 0xFB1C);
    }

    /** tls.subject / tls.issuerdn: the server certificate's DN contains the text (or, negated, does not). */
    public static void dn(RuleOption option, RuleBuilder rule) {
        TlsDnOption o = (TlsDnOption) option;
        boolean subject = o.keyword().equals("tls.subject");
        rule.addTxMatcher(AppProto.TLS, AppBuffer.TO_CLIENT, (ctx, s, tx) -> {
            X509Certificate c = ((TlsParser) tx).serverCertificate();
            String dn = c == null ? null : subject ? c.subject : c.issuer;
            return dn != null && dn.contains(o.text()) != o.negated();
        });
    }

    /** tls.fingerprint: the server certificate's SHA-1 fingerprint contains the text (or, negated, does not). */
    public static void fingerprint(RuleOption option, RuleBuilder rule) {
        TlsFingerprintOption o = (TlsFingerprintOption) option;
        rule.addTxMatcher(AppProto.TLS, AppBuffer.TO_CLIENT, (ctx, s, tx) -> {
            String fp = ((TlsParser) tx).certificateFingerprint();
            return fp != null && fp.contains(o.fingerprint()) != o.negated();
        });
    }

    /** tls_cert_notbefore / tls_cert_notafter: a validity bound of the server certificate against dates. */
    public static void validity(RuleOption option, RuleBuilder rule) {
        TlsCertValidityOption o = (TlsCertValidityOption) option;
        boolean notBefore = o.keyword().equals("tls_cert_notbefore");
        rule.addTxMatcher(AppProto.TLS, AppBuffer.TO_CLIENT, (ctx, s, tx) -> {
            X509Certificate c = ((TlsParser) tx).serverCertificate();
            if (c == null) {
                return false;
            }
            long t = notBefore ? c.notBefore : c.notAfter;
            if (t == 0) {
                return false;
            }
            return switch (o.mode()) {
                case EQ -> t == o.epoch();
                case LT -> t < o.epoch();
                case GT -> t > o.epoch();
                case RANGE -> t >= o.epoch() && t <= o.epoch2();
            };
        });
    }

    /** tls_cert_expired: notAfter is before the packet's time. */
    public static void expired(RuleOption option, RuleBuilder rule) {
        rule.addTxMatcher(AppProto.TLS, AppBuffer.TO_CLIENT, (ctx, s, tx) -> {
            X509Certificate c = ((TlsParser) tx).serverCertificate();
            return c != null && c.notAfter != 0 && c.notAfter < ctx.packet.timestampNanos / NANOS;
        });
    }

    /** tls_cert_valid: notAfter is not before the packet's time (Suricata checks only that bound). */
    public static void valid(RuleOption option, RuleBuilder rule) {
        rule.addTxMatcher(AppProto.TLS, AppBuffer.TO_CLIENT, (ctx, s, tx) -> {
            X509Certificate c = ((TlsParser) tx).serverCertificate();
            return c != null && c.notAfter != 0 && c.notAfter >= ctx.packet.timestampNanos / NANOS;
        });
    }

    /**
     * tls.store: a post-match action in Suricata (the certificate chain is written to disk; not done
     * here); it adds no condition, so the rule stays a packet rule.
     */
    public static void store(RuleOption option, RuleBuilder rule) {
        // nothing to match
    }
}
