package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.modbus.ModbusInspect;
import dev.rampart.engine.applayer.modbus.ModbusTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.app.ModbusOption;

/**
 * {@code modbus:} ({@link ModbusOption}): Suricata registers it toward the server only, at the
 * transaction's first state, so a request is inspected as soon as it is parsed and again whenever
 * the transaction changes until it is answered.
 */
public final class ModbusKeyword {
    private ModbusKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        ModbusOption o = (ModbusOption) option;
        rule.addTxMatcher(AppProto.MODBUS, AppBuffer.TO_SERVER, (ctx, s, tx) -> ModbusInspect.matches(o, (ModbusTx) tx));
    }
}
