package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;

/**
 * {@code smb.version:1;} or {@code smb.version:2;} (Suricata 8): the SMB version of the
 * transaction's record (SMB3 dialects speak SMB2 records, version 2).
 */
public record SmbVersionOption(int version) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("smb.version", KeywordDef.doc("smb-keywords", "smb-version"),
            ValueMode.REQUIRED, (v, ctx) -> {
                String s = Args.noQuotes("smb.version", v).trim();
                if (!s.equals("1") && !s.equals("2")) {
                    throw new RuleParseException("smb.version: invalid value \"" + s + "\" (1 or 2)");
                }
                AppProto.checkHeader(ctx, "smb.version", "smb");
                ctx.add(new SmbVersionOption(Integer.parseInt(s)));
            });

    @Override
    public String keyword() {
        return "smb.version";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(version);
    }
}
