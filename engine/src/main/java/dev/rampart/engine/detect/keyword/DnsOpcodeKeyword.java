package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.dns.DnsTransaction;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;

/**
 * {@code dns.opcode:[!]N}: the 4-bit opcode of a DNS message's header, in either direction
 * (every message is its own transaction).
 */
public final class DnsOpcodeKeyword {
    private DnsOpcodeKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        Uint value = ((UintOption) option).value();
        rule.addTxMatcher(AppProto.DNS, AppBuffer.BOTH, (ctx, s, tx) -> value.matches(((DnsTransaction) tx).opcode()));
    }
}
