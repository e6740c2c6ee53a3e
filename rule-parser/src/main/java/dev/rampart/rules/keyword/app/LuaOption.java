package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * {@code lua:[!]script.lua;} (alias {@code luajit}) — run a Lua detection script. Only the script
 * name is kept: a Suricata without Lua support, or with Lua rules disabled
 * ({@code security.lua.allow-rules}), refuses such rules at load time, and whether the script
 * exists is checked only when the engine loads it. The syntax is accepted here.
 */
public record LuaOption(boolean negated, String script) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("lua", KeywordDef.doc("rule-lua-scripting", "lua"),
            ValueMode.REQUIRED, LuaOption::parse, "luajit");

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("lua", value);
        String v = value.trim();
        boolean neg = v.startsWith("!");
        if (neg) {
            v = v.substring(1).trim();
        }
        if (v.isEmpty()) {
            throw new RuleParseException("lua: missing script name");
        }
        ctx.add(new LuaOption(neg, v));
    }

    @Override
    public String keyword() {
        return "lua";
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (negated) {
            out.append('!');
        }
        out.append(script);
    }
}
