package dev.rampart.engine.detect;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.engine.detect.app.AppBuffers;
import dev.rampart.engine.detect.keyword.FrameKeyword;
import dev.rampart.engine.detect.keyword.TcpFlagsMatcher;
import dev.rampart.engine.detect.mpm.FastPatternSelector;
import dev.rampart.engine.detect.payload.PayloadProgram;
import dev.rampart.engine.detect.transform.TransformChain;
import dev.rampart.engine.output.eve.EveRuleInfo;
import dev.rampart.rules.Direction;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.IpProtoOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.config.ClassificationConfig;
import dev.rampart.rules.header.AddressResolver;
import dev.rampart.rules.header.PortResolver;
import dev.rampart.rules.header.PortSet;
import dev.rampart.rules.keyword.meta.ClasstypeOption;
import dev.rampart.rules.keyword.meta.PriorityOption;
import dev.rampart.rules.keyword.flow.FlowOption;
import dev.rampart.rules.keyword.flow.StreamSizeOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed rule into a {@link CompiledRule}: header protocol, addresses and ports resolved
 * against the rule variables, non-payload keywords through {@link KeywordCompilers}, payload
 * options into a {@link PayloadProgram}, packet/stream inspection flags as Suricata sets them, and
 * the fast pattern. A rule using something the engine cannot evaluate yet is reported, not loaded.
 */
final class RuleCompiler {
    /** Suricata's priority for rules with neither priority nor a classtype that has one. */
    static final int DEFAULT_PRIORITY = 3;

    private final RuleEnvironment env;
    private final AddressResolver addresses;
    private final PortResolver ports;
    private final RuleCompileEnv names;
    /**
     * Match arrays by resolved set: the resolver returns one set per distinct header expression,
     * and ET Open's 38k header addresses are a few hundred distinct ones ($HOME_NET, any, ...).
     */
    private final java.util.IdentityHashMap<dev.rampart.rules.header.AddressSet, AddressMatch> matches =
            new java.util.IdentityHashMap<>();
    /** Content searches of this compiler's rules, equal contents sharing one. */
    private final dev.rampart.engine.detect.payload.ContentSearches searches =
            new dev.rampart.engine.detect.payload.ContentSearches();
    /** Protocol bit arrays by content, shared by this compiler's rules (19k arrays were ~40 distinct). */
    private final Map<ProtoSet, long[]> protoSets = new HashMap<>();

    /** A rule's IP protocol bits as a key. */
    private record ProtoSet(long w0, long w1, long w2, long w3) {
    }

    RuleCompiler(RuleEnvironment env, RuleCompileEnv names) {
        this.env = env;
        this.names = names;
        this.addresses = new AddressResolver(env.addressVars()::get);
        this.ports = new PortResolver(env.portVars()::get);
    }

    /**
     * What later stages read of the parse tree, which the compiled rule does not keep: the flow
     * direction its {@code flow:} keyword demands (0 to server, 1 to client, -1 either: the first
     * flow option naming one), whether it compares file hashes, and its flowbits values for the
     * rule profile.
     */
    private static void keptFacts(Rule rule, CompiledRule r) {
        int direction = -1;
        List<String> flowbits = null;
        for (int i = 0, n = rule.options().size(); i < n; i++) {
            RuleOption o = rule.options().get(i);
            if (o instanceof FlowOption f && direction < 0) {
                direction = f.has(FlowOption.Flag.TO_SERVER) ? 0 : f.has(FlowOption.Flag.TO_CLIENT) ? 1 : -1;
            } else if (o instanceof dev.rampart.rules.keyword.app.FileHashOption) {
                r.fileHashes = true;
            } else if (o instanceof dev.rampart.rules.keyword.flow.FlowbitsOption) {
                StringBuilder v = new StringBuilder(32);
                o.appendValue(v);
                if (flowbits == null) {
                    flowbits = new ArrayList<>(2);
                }
                flowbits.add(v.toString());
            }
        }
        r.flowDirection = direction;
        r.flowbitsTexts = flowbits == null ? null : flowbits.toArray(new String[0]);
    }

    private static final PacketMatcher NEVER = ctx -> false;

    /** Thrown for a rule that cannot be loaded; the message says why. */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    CompiledRule compile(Rule rule) throws Unsupported {
        ClassificationConfig classes = env.classification();
        CompiledRule r = new CompiledRule(rule, EveRuleInfo.of(rule, classes));
        RuleBuilder b = new RuleBuilder(names);
        b.ruleFile = rule.source() == null ? null : rule.source().file();
        protocol(rule.header().protocol(), r, b);
        narrowToIpProto(rule, r);
        Direction dir = rule.header().direction();
        // => (Suricata 8): one transaction matched by buffers of both directions; a packet of
        // either direction inspects it, so the header is checked in either orientation
        r.transactional = dir == Direction.TRANSACTIONAL;
        r.bidirectional = dir == Direction.BOTH || r.transactional;
        try {
            r.src = matches.computeIfAbsent(addresses.resolve(rule.header().src()), AddressMatch::of);
            r.dst = matches.computeIfAbsent(addresses.resolve(rule.header().dst()), AddressMatch::of);
            PortSet sp = ports.resolve(rule.header().srcPorts());
            PortSet dp = ports.resolve(rule.header().dstPorts());
            r.srcPorts = sp.isAny() ? null : sp;
            r.dstPorts = dp.isAny() ? null : dp;
        } catch (RuleParseException e) {
            throw new Unsupported("header: " + e.getMessage());
        }

        List<PayloadOption> payload = new ArrayList<>();
        dev.rampart.rules.Buffer payloadBuffer = null;
        // keyed by buffer and transform list: options before a transform stay on the plain buffer,
        // those after it inspect the transformed one (Suricata makes a separate list per transform set)
        Map<dev.rampart.rules.Buffer, List<PayloadOption>> appBuffers = new LinkedHashMap<>();
        Map<dev.rampart.rules.Buffer, AppBuffer> appBufferSpec = new LinkedHashMap<>();
        Map<String, List<PayloadOption>> headers = new LinkedHashMap<>();
        List<PayloadOption> base64Data = new ArrayList<>();
        Map<dev.rampart.rules.Buffer, List<PayloadOption>> frameBuffers = new LinkedHashMap<>();
        for (RuleOption o : rule.options()) {
            String kw = o.keyword();
            if (o instanceof PayloadOption p) {
                if (HeaderBufferMatcher.bufferId(p.buffer().name()) >= 0 && p.buffer().transforms().isEmpty()) {
                    headers.computeIfAbsent(p.buffer().name(), k -> new ArrayList<>()).add(p);
                    continue;
                }
                if (p.buffer().name().equals(dev.rampart.rules.Buffer.PAYLOAD_NAME)) {
                    if (payloadBuffer != null && !payloadBuffer.equals(p.buffer())) {
                        throw new Unsupported("pkt_data with two different transform lists");
                    }
                    payloadBuffer = p.buffer();
                    payload.add(p);
                    continue;
                }
                if (p.buffer().name().equals(dev.rampart.rules.keyword.payload.Base64Data.BUFFER)) {
                    base64Data.add(p);
                    continue;
                }
                if (FrameKeyword.isFrameBuffer(p.buffer().name())) {
                    frameBuffers.computeIfAbsent(p.buffer(), k -> new ArrayList<>()).add(p);
                    continue;
                }
                AppBuffer ab = AppBuffers.byName(p.buffer().name(), r.appProto);
                if (ab == null) {
                    throw new Unsupported("buffer " + p.buffer().name() + " is not inspected yet");
                }
                // one program per buffer and transform list: "http.uri; content:a; from_base64; content:b"
                // inspects the plain and the transformed buffer
                appBufferSpec.putIfAbsent(p.buffer(), ab);
                appBuffers.computeIfAbsent(p.buffer(), k -> new ArrayList<>()).add(p);
                continue;
            }
            if (KeywordCompilers.DESCRIPTIVE.contains(kw)) {
                continue;
            }
            KeywordCompilers.Compiler c = KeywordCompilers.of(kw);
            if (c == null) {
                throw new Unsupported("keyword " + kw + " is not implemented by the detection engine yet");
            }
            c.compile(o, b);
            if (b.unsupported != null) {
                throw new Unsupported(b.unsupported);
            }
        }
        if (!headers.isEmpty()) {
            b.requirePacket(); // packet header buffers (tcp.hdr, ipv4.hdr ...) are per packet, as in Suricata
        }
        if (b.requirePacket && b.requireStream) {
            // Suricata's SigValidate: a rule cannot be per packet and stream-only at once (it refuses it)
            throw new Unsupported("invalid: packet keywords (dsize, ttl, flags, flow:no_stream ...) mixed with "
                    + "tcp-stream or flow:only_stream");
        }
        if (b.requirePacket && (!appBuffers.isEmpty() || !b.txMatchers.isEmpty() || !frameBuffers.isEmpty()
                || b.appLayerKeyword)) {
            // Suricata's SigValidate refuses a packet-specific rule with a buffer that is not a packet's
            // (measured with 7.0.10: dsize, flags, ttl, window, id, sameip ... with http.*, file.data,
            // dns.query, tls.*, urilen, app-layer events, filename, filestore)
            throw new Unsupported("invalid: packet-specific keywords (dsize, flags, ttl ...) combined with "
                    + "app-layer buffers or keywords");
        }
        if (r.appProto == null && payload.isEmpty() && appBuffers.isEmpty() && b.txMatchers.isEmpty()
                && protocolDetectionOnly(rule)) {
            // Suricata's protocol-detection-only rule (SignatureIsPDOnly): inspected on the packet that
            // decided the protocol (measured: with flow:to_server or flowbits:set too; not with
            // flow:established or ttl, which match on every packet once the protocol is known)
            b.matchers.add(0, dev.rampart.engine.detect.keyword.AppLayerProtocolKeyword.DECIDING_PACKET);
        }
        if (!payload.isEmpty()) {
            PayloadProgram program = PayloadProgram.compile(payload, new java.util.HashMap<>(), d -> names.dataset(d, rule.source()), base64Data,
                    searches);
            if (!program.isCompilable()) {
                throw new Unsupported(program.uncompilableReason());
            }
            r.payload = program;
            r.payloadTransforms = chain(payloadBuffer);
        }
        if (!frameBuffers.isEmpty()) {
            if (!payload.isEmpty() || !appBuffers.isEmpty() || !b.txMatchers.isEmpty() || r.transactional) {
                throw new Unsupported("frame inspection mixed with payload, app-layer buffers or transaction keywords");
            }
            frameRule(rule, r, frameBuffers, base64Data);
        }
        if (!appBuffers.isEmpty() || !b.txMatchers.isEmpty()) {
            transactionRule(rule, r, appBuffers, appBufferSpec, b, base64Data);
        } else if (r.transactional) {
            throw new Unsupported("transactional direction => needs app-layer buffers or keywords");
        }
        if (!headers.isEmpty()) {
            b.addMatcher(headerBuffers(headers));
        }
        if (b.flowOnlyStream && (r.payload == null || r.isTxRule() || r.frame != null)) {
            // flow:only_stream holds only when the rule's own payload just matched the raw stream
            // (Suricata's FlowMatch reads the thread's stream-content-match flag): a rule without
            // payload, or whose buffers are a transaction's, loads but never matches (7.0.10 measured)
            b.matchers.add(0, NEVER);
        }
        r.matchers = b.matchers.toArray(CompiledRule.NO_MATCHERS);
        r.postMatch = b.postMatch.toArray(CompiledRule.NO_POST_MATCH);
        r.afterPayload = b.afterPayload.toArray(CompiledRule.NO_AFTER_PAYLOAD);
        r.requirePacket = b.requirePacket;
        r.requireStream = b.requireStream;
        r.streamOnly = b.streamOnly;
        if (r.payload != null && !r.requirePacket && !r.requireStream) {
            r.requireStream = true; // Suricata's default for payload rules: stream first, packet as fallback
            // SigValidate's TCP corner cases: a content anchored by depth/offset (startswith is a
            // depth) or a stream_size keyword also inspects the packet when its segment went into
            // the stream, so it can match on the packet that carries the bytes
            r.requirePacket = anchoredContent(payload) || rule.option(StreamSizeOption.class) != null;
        }
        r.noalert = b.noalert;
        keptFacts(rule, r);
        r.gateFlowbit = b.gateFlowbit;
        r.alertOnPass = b.alertOnPass;
        r.threshold = b.threshold;
        r.tagged = b.tagged;
        r.flowbitUse = b.flowbitUse;
        r.flowintUse = b.flowintUse;
        r.hostbitUse = b.hostbitUse;
        r.ippairbitUse = b.ippairbitUse;
        r.priority = priority(rule, classes);
        r.actionOnFlow = r.frame == null && r.payload == null && r.matchers.length == 0 && r.afterPayload.length == 0
                && r.postMatch.length == 0 && !r.isTxRule();
        // as Suricata's SignatureIsIPOnly: a protocol header (tcp, udp, icmp ...) does not stop a rule
        // without ports and keywords from being IP-only (bug-6402-01: "alert tcp any any -> any any")
        r.ipOnly = r.frame == null && !r.pkthdr && r.appProto == null && !r.requirePacket && !r.streamOnly && !r.isTxRule()
                && r.srcPorts == null && r.dstPorts == null && r.payload == null
                && r.matchers.length == 0 && r.afterPayload.length == 0 && r.postMatch.length == 0;

        FastPatternSelector.Selection fp = FastPatternSelector.select(rule);
        if (fp != null && fp.negated() && unanchoredNegation(fp.content()) && fp.buffer().transforms().isEmpty()
                && fp.buffer().isPayload() && !r.isTxRule() && r.payload != null) {
            // a negated fast pattern that the prefilter finds removes the rule from the candidates
            r.negatedFastPattern = searches.of(fp.bytes(), fp.nocase());
        }
        if (fp != null && !fp.negated() && fp.buffer().isPayload() && fp.buffer().transforms().isEmpty()
                && r.isTxRule() && r.payload != null && r.payloadTransforms == null) {
            r.txPayloadGate = fp.bytes();
            r.txPayloadGateNocase = fp.nocase();
        }
        if (fp != null && !fp.negated()) {
            if (fp.buffer().isPayload() && !r.isTxRule()) {
                r.fastPattern = fp.bytes();
                r.fastPatternNocase = fp.nocase();
            } else if (r.isTxRule() && !r.transactional) {
                // app buffers prefilter on the buffer as the rule inspects it: transformed first when the
                // fast pattern follows transforms (Suricata registers one MPM per buffer and transform set)
                AppBuffer ab = r.anyFileProto ? AppBuffers.ANY_FILE_DATA : AppBuffers.byName(fp.buffer().name(), r.appProto);
                if (ab != null && !absentOn(r, ab)) {
                    r.fastPattern = fp.bytes();
                    r.fastPatternNocase = fp.nocase();
                    r.fastPatternBuffer = ab;
                    r.fastPatternSpec = fp.buffer();
                }
            }
        }
        if (r.fastPattern == null && b.tcpFlagClasses != 0) {
            // Suricata checks its signature mask only for rules outside the fast-pattern prefilter
            PacketMatcher[] m = new PacketMatcher[r.matchers.length + 1];
            m[0] = TcpFlagsMatcher.classGate(b.tcpFlagClasses);
            System.arraycopy(r.matchers, 0, m, 1, r.matchers.length);
            r.matchers = m;
        }
        r.protos = protoSets.computeIfAbsent(new ProtoSet(r.protos[0], r.protos[1], r.protos[2], r.protos[3]),
                k -> r.protos);
        return r;
    }

    /**
     * A rule with app-layer buffers is inspected per transaction: each buffer's options compile into
     * their own program; the protocol comes from the buffers (and must agree with the header's), the
     * directions from the buffers and the flow keyword.
     */
    private void transactionRule(Rule rule, CompiledRule r, Map<dev.rampart.rules.Buffer, List<PayloadOption>> buffers,
            Map<dev.rampart.rules.Buffer, AppBuffer> specs, RuleBuilder b, List<PayloadOption> base64Data)
            throws Unsupported {
        List<CompiledRule.TxProgram> programs = new ArrayList<>();
        int dirs = b.txDirections;
        // file keywords (filename...) read HTTP's and SMB's files: in an smb rule it stays one; a rule for
        // no app-layer protocol whose app-layer parts are all file ones reads the files of every protocol
        boolean fileKeywordsOnly = b.txProto == AppProto.HTTP && b.fileMatchers == b.txMatchers.size();
        boolean anyFile = r.appProto == null && (b.txProto == null || fileKeywordsOnly);
        if (b.txProto != null && !(fileKeywordsOnly && r.appProto == AppProto.SMB)) {
            r.appProto = merge(r, b.txProto, b.txProto.suricataName() + " keyword");
        }
        // byte_extract / byte_math names are the rule's, not a buffer's (Suricata: ET sid 2061619 extracts in
        // http.cookie and tests in http.request_body); verifyTx runs the programs in this order on one scratch
        Map<String, Integer> variables = new HashMap<>();
        for (Map.Entry<dev.rampart.rules.Buffer, List<PayloadOption>> e : buffers.entrySet()) {
            AppBuffer ab = specs.get(e.getKey());
            anyFile &= ab == AppBuffers.ANY_FILE_DATA;
            r.appProto = merge(r, ab.proto(), "buffer " + ab.name());
            dirs &= ab.directions();
            // absent (Suricata 8) decides what a missing buffer means; the other options inspect a present one
            int absent = CompiledRule.TxProgram.PRESENT;
            List<PayloadOption> options = new ArrayList<>();
            for (PayloadOption o : e.getValue()) {
                if (o instanceof dev.rampart.rules.keyword.payload.AbsentOption a) {
                    absent = a.orElse() ? CompiledRule.TxProgram.ABSENT_OR_ELSE : CompiledRule.TxProgram.ABSENT;
                } else {
                    options.add(o);
                }
            }
            PayloadProgram program = null;
            if (!options.isEmpty()) {
                program = PayloadProgram.compile(options, variables, d -> names.dataset(d, rule.source()), base64Data,
                        searches);
                if (!program.isCompilable()) {
                    throw new Unsupported(ab.name() + ": " + program.uncompilableReason());
                }
            }
            programs.add(new CompiledRule.TxProgram(ab, program, chain(e.getKey()), absent));
        }
        r.anyFileProto = anyFile;
        FlowOption flow = rule.option(FlowOption.class);
        if (flow != null && flow.toServer()) {
            dirs &= AppBuffer.TO_SERVER;
        } else if (flow != null && flow.toClient()) {
            dirs &= AppBuffer.TO_CLIENT;
        }
        if (r.transactional) {
            dirs = AppBuffer.BOTH; // each buffer is read from its own side of the transaction
        }
        if (dirs == 0) {
            throw new Unsupported("buffers of both directions in one rule need the => direction");
        }
        if (r.appProto == AppProto.DNS) {
            proto(r, 17);
        }
        r.txPrograms = programs.toArray(CompiledRule.NO_TX_PROGRAMS);
        r.txMatchers = b.txMatchers.toArray(CompiledRule.NO_TX_MATCHERS);
        r.txDirections = dirs;
    }

    private static boolean anchoredContent(List<PayloadOption> payload) {
        for (PayloadOption o : payload) {
            if (o instanceof dev.rampart.rules.keyword.payload.ContentOption c
                    && (c.depth() != null || c.offset() != null || c.startsWith())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A rule on a frame buffer ({@code frame:http1.request}) is inspected per frame: one frame
     * buffer per rule, of a frame type the HTTP/1 parser records; its protocol is HTTP.
     */
    private void frameRule(Rule rule, CompiledRule r, Map<dev.rampart.rules.Buffer, List<PayloadOption>> buffers,
            List<PayloadOption> base64Data) throws Unsupported {
        if (buffers.size() != 1) {
            throw new Unsupported("more than one frame buffer (or transform list) in one rule");
        }
        Map.Entry<dev.rampart.rules.Buffer, List<PayloadOption>> e = buffers.entrySet().iterator().next();
        String name = e.getKey().name();
        int type = FrameKeyword.typeOf(name);
        if (type < 0) {
            throw new Unsupported(name + " is not inspected yet (HTTP/1 request, response, stream and HTTP/2 frames are)");
        }
        r.appProto = merge(r, FrameKeyword.protocolOf(name), name);
        PayloadProgram program = PayloadProgram.compile(e.getValue(), new java.util.HashMap<>(),
                d -> names.dataset(d, rule.source()), base64Data, searches);
        if (!program.isCompilable()) {
            throw new Unsupported(name + ": " + program.uncompilableReason());
        }
        r.frame = FrameKeyword.of(type, e.getValue(), program, chain(e.getKey()));
    }

    /** A buffer the rule may match by its absence cannot prefilter the rule (its pattern need not occur). */
    private static boolean absentOn(CompiledRule r, AppBuffer ab) {
        for (CompiledRule.TxProgram tp : r.txPrograms) {
            if (tp.buffer() == ab && tp.absent() != CompiledRule.TxProgram.PRESENT) {
                return true;
            }
        }
        return false;
    }

    /** A negated content without a position limit: only such a one can be a negated fast pattern. */
    static boolean unanchoredNegation(dev.rampart.rules.keyword.payload.ContentOption c) {
        return c.offset() == null && c.depth() == null && c.distance() == null && c.within() == null && !c.startsWith();
    }

    private static TransformChain chain(dev.rampart.rules.Buffer b) throws Unsupported {
        if (b == null) {
            return null;
        }
        try {
            return TransformChain.compile(b.transforms());
        } catch (TransformChain.Unsupported e) {
            throw new Unsupported(e.getMessage());
        }
    }

    /** One matcher for the rule's header buffers, in rule order, sharing byte_extract variables. */
    private static HeaderBufferMatcher headerBuffers(Map<String, List<PayloadOption>> headers) throws Unsupported {
        int[] ids = new int[headers.size()];
        PayloadProgram[] programs = new PayloadProgram[headers.size()];
        Map<String, Integer> variables = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, List<PayloadOption>> e : headers.entrySet()) {
            PayloadProgram program = PayloadProgram.compile(e.getValue(), variables);
            if (!program.isCompilable()) {
                throw new Unsupported(e.getKey() + ": " + program.uncompilableReason());
            }
            ids[i] = HeaderBufferMatcher.bufferId(e.getKey());
            programs[i++] = program;
        }
        return new HeaderBufferMatcher(ids, programs);
    }

    private static void protocol(String proto, CompiledRule r, RuleBuilder b) throws Unsupported {
        switch (proto) {
            case "ip" -> r.anyProto = true;
            case "ipv4", "ip4" -> {
                r.anyProto = true;
                r.ipVersion = 4;
            }
            case "ipv6", "ip6" -> {
                r.anyProto = true;
                r.ipVersion = 6;
            }
            case "pkthdr" -> {
                r.anyProto = true;
                r.pkthdr = true;
            }
            case "tcp" -> proto(r, 6);
            case "tcp-pkt" -> {
                proto(r, 6);
                b.requirePacket();
            }
            case "tcp-stream" -> {
                proto(r, 6);
                b.requireStreamOnly();
            }
            case "udp", "udp-pkt" -> proto(r, 17);
            case "icmp" -> {
                proto(r, 1);
                proto(r, 58);
            }
            case "icmpv4" -> proto(r, 1);
            case "icmpv6" -> proto(r, 58);
            case "sctp" -> proto(r, 132);
            // TCP protocols; smb and ftp-data have no buffers of their own yet (smtp has file.data, ftp
            // ftpbounce): their rules see the packets and stream of flows of that protocol
            case "http" -> tcpApp(r, AppProto.HTTP);
            case "http1" -> {
                tcpApp(r, AppProto.HTTP);
                r.http1Only = true;
            }
            case "http2" -> tcpApp(r, AppProto.HTTP2);
            case "tls" -> tcpApp(r, AppProto.TLS);
            case "ssh" -> tcpApp(r, AppProto.SSH);
            case "smb" -> tcpApp(r, AppProto.SMB);
            case "dcerpc" -> tcpApp(r, AppProto.DCERPC);
            case "smtp" -> tcpApp(r, AppProto.SMTP);
            case "ftp" -> tcpApp(r, AppProto.FTP);
            case "ftp-data" -> tcpApp(r, AppProto.FTP_DATA);
            case "mqtt" -> tcpApp(r, AppProto.MQTT);
            case "websocket" -> tcpApp(r, AppProto.WEBSOCKET);
            case "rfb" -> tcpApp(r, AppProto.RFB);
            case "modbus" -> tcpApp(r, AppProto.MODBUS);
            case "dns" -> {
                proto(r, 6);
                proto(r, 17);
                r.appProto = AppProto.DNS;
            }
            case "ike", "ikev2" -> {
                proto(r, 17);
                r.appProto = AppProto.IKE;
            }
            case "nfs" -> {
                proto(r, 6);
                proto(r, 17);
                r.appProto = AppProto.NFS;
            }
            case "krb5" -> {
                proto(r, 6);
                proto(r, 17);
                r.appProto = AppProto.KRB5;
            }
            case "snmp" -> {
                proto(r, 17);
                r.appProto = AppProto.SNMP;
            }
            case "tftp" -> {
                proto(r, 17);
                r.appProto = AppProto.TFTP;
            }
            case "sip" -> {
                // UDP, and TCP as Suricata 8 (Suricata 7 parses SIP over UDP only)
                proto(r, 6);
                proto(r, 17);
                r.appProto = AppProto.SIP;
            }
            default -> throw new Unsupported("app-layer protocol " + proto + " is not parsed yet");
        }
    }

    /**
     * Suricata 7's SignatureIsPDOnly over the rule's keywords: some app-layer-protocol, and otherwise
     * only a flow direction (to_server / to_client, nothing else), flowbits set, thresholds, tags and
     * descriptive keywords.
     */
    private static boolean protocolDetectionOnly(Rule rule) {
        boolean pd = false;
        for (RuleOption o : rule.options()) {
            String kw = o.keyword();
            if (o instanceof dev.rampart.rules.keyword.app.AppLayerProtocolOption) {
                pd = true;
            } else if (o instanceof FlowOption f) {
                for (FlowOption.Flag fl : f.flags()) {
                    if (fl != FlowOption.Flag.TO_SERVER && fl != FlowOption.Flag.TO_CLIENT) {
                        return false;
                    }
                }
            } else if (o instanceof dev.rampart.rules.keyword.flow.FlowbitsOption fb) {
                if (fb.command() != dev.rampart.rules.keyword.flow.FlowbitsOption.Command.SET) {
                    return false;
                }
            } else if (!KeywordCompilers.DESCRIPTIVE.contains(kw) && !kw.equals("threshold") && !kw.equals("tag")
                    && !kw.equals("detection_filter")) {
                return false;
            }
        }
        return pd;
    }

    /**
     * The rule's protocol with a keyword's or buffer's {@code wanted} one: they must agree, except
     * that HTTP keywords serve HTTP/2 too (an http2 rule with http.uri, an http rule with an
     * http2.* keyword: the rule is then for HTTP/2 flows), as Suricata's AppProtoEquals.
     */
    private static AppProto merge(CompiledRule r, AppProto wanted, String what) throws Unsupported {
        AppProto have = r.appProto;
        if (have == null || have == wanted) {
            return wanted;
        }
        if (have == AppProto.SMB && wanted == AppProto.DCERPC) {
            return AppProto.SMB; // Suricata: DCERPC keywords in an smb rule keep it an smb rule (named pipes)
        }
        if ((have == AppProto.HTTP && wanted == AppProto.HTTP2 && !r.http1Only)
                || (have == AppProto.HTTP2 && wanted == AppProto.HTTP)) {
            return AppProto.HTTP2;
        }
        throw new Unsupported(what + " in a rule for " + (r.http1Only ? "http1" : have.suricataName()));
    }

    private static void tcpApp(CompiledRule r, AppProto p) {
        proto(r, 6);
        r.appProto = p;
    }

    /**
     * An {@code ip} rule with {@code ip_proto:N} admits protocol N only, as Suricata's ip_proto
     * setup narrows the signature's protocol: the rule joins the groups of that protocol's class
     * instead of being a candidate for every TCP, UDP and ICMP packet (its matcher stays and
     * decides as before). Only the exact form; {@code !N}, {@code <N}, {@code >N} keep all.
     */
    private static void narrowToIpProto(Rule rule, CompiledRule r) {
        if (!r.anyProto || r.pkthdr) {
            return;
        }
        IpProtoOption only = null;
        for (RuleOption o : rule.options()) {
            if (o instanceof IpProtoOption ip) {
                if (only != null) {
                    return;
                }
                only = ip;
            }
        }
        if (only == null || only.op() != IpProtoOption.Op.EQ || only.proto() < 0 || only.proto() > 255) {
            return;
        }
        r.anyProto = false;
        proto(r, only.proto());
    }

    private static void proto(CompiledRule r, int p) {
        r.protos[p >>> 6] |= 1L << p;
    }

    private static int priority(Rule rule, ClassificationConfig classes) {
        PriorityOption p = rule.option(PriorityOption.class);
        if (p != null) {
            return p.priority();
        }
        ClasstypeOption ct = rule.option(ClasstypeOption.class);
        if (ct != null && classes != null) {
            ClassificationConfig.ClassType t = classes.get(ct.name());
            if (t != null) {
                return t.priority();
            }
        }
        return DEFAULT_PRIORITY;
    }
}
