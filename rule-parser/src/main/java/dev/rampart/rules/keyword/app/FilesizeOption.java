package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;

/**
 * {@code filesize:[to_server|to_client,]<uint>;} — compare the file size (uint64, units
 * kb/mb/gb allowed). The direction prefix is Suricata 8's way to pick a side in bidirectional
 * ({@code =>}) rules; it is accepted in any rule here.
 */
public record FilesizeOption(String direction, Uint value) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("filesize", KeywordDef.doc("file-keywords", "filesize"),
            ValueMode.REQUIRED, FilesizeOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("filesize", value);
        String v = value.trim();
        String dir = null;
        for (String d : new String[] {"to_server", "to_client"}) {
            if (v.startsWith(d) && v.substring(d.length()).trim().startsWith(",")) {
                dir = d;
                v = v.substring(d.length()).trim().substring(1).trim();
            }
        }
        ctx.add(new FilesizeOption(dir, Uint.parse("filesize", v, Uint.U64)));
    }

    @Override
    public String keyword() {
        return "filesize";
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (direction != null) {
            out.append(direction).append(',');
        }
        value.appendTo(out);
    }
}
