package dev.rampart.engine.detect;

import dev.rampart.engine.detect.mpm.FastPatternSelector;
import dev.rampart.engine.detect.payload.PayloadProgram;
import dev.rampart.engine.output.eve.EveRuleInfo;
import dev.rampart.rules.Direction;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.config.ClassificationConfig;
import dev.rampart.rules.header.AddressResolver;
import dev.rampart.rules.header.PortResolver;
import dev.rampart.rules.header.PortSet;
import dev.rampart.rules.keyword.meta.ClasstypeOption;
import dev.rampart.rules.keyword.meta.PriorityOption;
import java.util.ArrayList;
import java.util.List;

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

    RuleCompiler(RuleEnvironment env, RuleCompileEnv names) {
        this.env = env;
        this.names = names;
        this.addresses = new AddressResolver(env.addressVars()::get);
        this.ports = new PortResolver(env.portVars()::get);
    }

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
        protocol(rule.header().protocol(), r, b);
        Direction dir = rule.header().direction();
        if (dir == Direction.TRANSACTIONAL) {
            throw new Unsupported("transactional direction => is not supported");
        }
        r.bidirectional = dir == Direction.BOTH;
        try {
            r.src = AddressMatch.of(addresses.resolve(rule.header().src()));
            r.dst = AddressMatch.of(addresses.resolve(rule.header().dst()));
            PortSet sp = ports.resolve(rule.header().srcPorts());
            PortSet dp = ports.resolve(rule.header().dstPorts());
            r.srcPorts = sp.isAny() ? null : sp;
            r.dstPorts = dp.isAny() ? null : dp;
        } catch (RuleParseException e) {
            throw new Unsupported("header: " + e.getMessage());
        }

        List<PayloadOption> payload = new ArrayList<>();
        for (RuleOption o : rule.options()) {
            String kw = o.keyword();
            if (o instanceof PayloadOption p) {
                if (!p.buffer().isPayload()) {
                    throw new Unsupported("buffer " + p.buffer().name()
                            + (p.buffer().transforms().isEmpty() ? "" : " with transforms") + " is not inspected yet");
                }
                payload.add(p);
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
        if (!payload.isEmpty()) {
            PayloadProgram program = PayloadProgram.compile(payload);
            if (!program.isCompilable()) {
                throw new Unsupported(program.uncompilableReason());
            }
            r.payload = program;
        }
        r.matchers = b.matchers.toArray(new PacketMatcher[0]);
        r.postMatch = b.postMatch.toArray(new PostMatchAction[0]);
        r.requirePacket = b.requirePacket;
        r.requireStream = b.requireStream;
        r.streamOnly = b.streamOnly;
        if (r.payload != null && !r.requirePacket && !r.requireStream) {
            r.requireStream = true; // Suricata's default for payload rules: stream first, packet as fallback
        }
        r.noalert = b.noalert;
        r.alertOnPass = b.alertOnPass;
        r.threshold = b.threshold;
        r.tagged = b.tagged;
        r.flowbitUse = b.flowbitUse;
        r.flowintUse = b.flowintUse;
        r.hostbitUse = b.hostbitUse;
        r.ippairbitUse = b.ippairbitUse;
        r.priority = priority(rule, classes);
        r.actionOnFlow = r.payload == null && r.matchers.length == 0 && r.postMatch.length == 0;
        r.ipOnly = r.anyProto && !r.pkthdr && r.srcPorts == null && r.dstPorts == null && r.payload == null
                && r.matchers.length == 0 && r.postMatch.length == 0;

        FastPatternSelector.Selection fp = FastPatternSelector.select(rule);
        if (fp != null && fp.buffer().isPayload() && !fp.negated()) {
            r.fastPattern = fp.bytes();
            r.fastPatternNocase = fp.nocase();
        }
        return r;
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
            default -> throw new Unsupported("app-layer protocol " + proto + " needs the app layer, not wired yet");
        }
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
