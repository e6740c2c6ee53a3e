package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.parse;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.Rule;
import dev.rampart.rules.keyword.FlagOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.app.DceOpnumOption.Range;
import dev.rampart.rules.keyword.app.RequiresOption.Requirement;
import dev.rampart.rules.keyword.payload.ContentOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DCERPC, file, prefilter, requires, lua, ftpbounce, bypass and config keywords. */
class DceFileMiscKeywordsTest {

    private static final String UUID = "00000143-0000-0000-c000-000000000046";

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        UUID + " => dcerpc.iface:" + UUID,
        UUID + ",>1 => dcerpc.iface:" + UUID + ",>1",
        UUID + ",=1,any_frag => dcerpc.iface:" + UUID + ",=1,any_frag",
        UUID + ",1 => dcerpc.iface:" + UUID + ",=1",
        UUID + ",>=1 => dcerpc.iface:" + UUID + ",>=1",
        UUID + ",!1 => dcerpc.iface:" + UUID + ",!1",
        UUID + ",any_frag => dcerpc.iface:" + UUID + ",any_frag",
        "00000143-0000-0000-C000-000000000046 => dcerpc.iface:" + UUID,
    })
    void dceIface(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("tcp", "dce_iface:" + value + ";", DceIfaceOption.class)));
    }

    @Test
    void dceIfaceFields() throws Exception {
        DceIfaceOption d = option("tcp", "dcerpc.iface:" + UUID + ",<65535,any_frag;", DceIfaceOption.class);
        assertEquals(UUID, d.uuid());
        assertEquals(new Uint(Uint.Mode.LT, 65535, 65535), d.version());
        assertTrue(d.anyFrag());
        for (String bad : new String[] {UUID + ",<0", UUID + ",>65535", UUID + ", >1, any_frag", UUID + ",any_frag,>1",
            "00000143-0000-0000-c000-00000000004", "00000143000000000c000000000000046", "\"" + UUID + "\""}) {
            rejected("tcp", "dce_iface:" + bad + ";", "dcerpc.iface");
        }
    }

    @Test
    void dceOpnum() throws Exception {
        DceOpnumOption o = option("tcp", "dce_opnum:15,18-20,22;", DceOpnumOption.class);
        assertEquals(List.of(new Range(15, 15), new Range(18, 20), new Range(22, 22)), o.ranges());
        assertTrue(o.matches(19));
        assertFalse(o.matches(21));
        assertEquals("dcerpc.opnum:15", canonical(option("tcp", "dcerpc.opnum:15-15;", DceOpnumOption.class)));
        assertEquals(4294967295L, option("tcp", "dce_opnum:4294967295;", DceOpnumOption.class).ranges().get(0).low());
        for (String bad : new String[] {"18-15", " 15 , 16", "15,", "x", "4294967296", "\"15\""}) {
            rejected("tcp", "dce_opnum:" + bad + ";", "dcerpc.opnum");
        }
    }

    @Test
    void dceStubDataIsASticky() throws Exception {
        Rule r = parse("tcp", "dce_stub_data; content:\"x\";");
        assertEquals("dcerpc.stub_data", r.option(ContentOption.class).buffer().name());
    }

    @Test
    void fileKeywords() throws Exception {
        assertEquals(new FilestoreOption(null, null), option("http", "filestore;", FilestoreOption.class));
        assertEquals("filestore", canonical(option("http", "filestore;", FilestoreOption.class)));
        assertEquals("filestore:request,file", canonical(option("http", "filestore:request,file;", FilestoreOption.class)));
        assertEquals("filestore:both", canonical(option("http", "filestore: both ;", FilestoreOption.class)));
        rejected("http", "filestore:,file;", "filestore");
        rejected("http", "filestore:\"request,file\";", "filestore");

        assertEquals(new FileStringOption("filemagic", true, "PNG"),
                option("http", "filemagic:!\"PNG\";", FileStringOption.class));
        rejected("http", "filemagic:PNG;", "filemagic");
        rejected("http", "filemagic:\"\";", "filemagic");
        assertEquals("filename:\"temp.txt\"", canonical(option("http", "filename:temp.txt;", FileStringOption.class)));
        assertEquals("fileext:!\"exe\"", canonical(option("http", "fileext:!\"exe\";", FileStringOption.class)));
        rejected("http", "fileext:\"\";", "fileext");

        assertEquals(new FileHashOption("filemd5", true, "md5list.2576"),
                option("http", "filemd5:!md5list.2576;", FileHashOption.class));
        assertEquals("filesha256:blacklist", canonical(option("http", "filesha256:blacklist;", FileHashOption.class)));

        FilesizeOption s = option("http", "filesize:100<>200;", FilesizeOption.class);
        assertNull(s.direction());
        assertEquals(new Uint(Uint.Mode.RANGE, 100, 200), s.value());
        assertEquals(1024, option("http", "filesize:1kb;", FilesizeOption.class).value().value());
        assertEquals("filesize:to_client,<100",
                canonical(option("http", "filesize: to_client, <100;", FilesizeOption.class)));
        rejected("http", "filesize:\"100\";", "filesize");
    }

    @Test
    void prefilter() throws Exception {
        parse("tcp", "content:\"x\"; prefilter;");
        parse("tcp", "flow:established; prefilter;");
        parse("tcp", "content:\"x\"; prefilter; content:\"y\"; prefilter;");
        rejected("tcp", "prefilter;", "preceding match");
        rejected("tcp", "msg:\"m\"; prefilter;", "preceding match");
        rejected("tcp", "content:\"x\"; prefilter:1;", "no argument");
    }

    @Test
    void requires() throws Exception {
        RequiresOption r = option("tcp", "requires: version >= 7.0.3 < 8 | >= 9.0.99, feature ja4;", RequiresOption.class);
        assertEquals(List.of(new Requirement("version", ">= 7.0.3 < 8 | >= 9.0.99"), new Requirement("feature", "ja4")),
                r.requirements());
        assertEquals("requires:version >= 8.0.0, keyword sid",
                canonical(option("tcp", "requires:version >= 8.0.0,  keyword   sid;", RequiresOption.class)));
        // unknown requirement kinds make Suricata skip the rule, not fail it
        assertEquals("foo", option("tcp", "requires:foo bar;", RequiresOption.class).requirements().get(0).kind());
        for (String bad : new String[] {"version 7", "version >= 7.x", "version >=", "version >= 7 |", "\"feature ja4\""}) {
            rejected("tcp", "requires:" + bad + ";", "requires");
        }
    }

    @Test
    void luaAndFlags() throws Exception {
        assertEquals(new LuaOption(false, "test.lua"), option("tcp", "luajit:test.lua;", LuaOption.class));
        assertEquals("lua:!x.lua", canonical(option("tcp", "lua:!x.lua;", LuaOption.class)));
        assertEquals(new FlagOption("ftpbounce"), option("ftp", "ftpbounce;", FlagOption.class));
        assertEquals(new FlagOption("bypass"), option("tcp", "bypass;", FlagOption.class));
        rejected("tcp", "ftpbounce:1;", "no argument");
    }

    @Test
    void config() throws Exception {
        assertEquals(new ConfigOption("tx", "flow"),
                option("http", "config:logging disable, type tx, scope flow;", ConfigOption.class));
        for (String bad : new String[] {"logging disable", "logging enable, type tx, scope tx",
            "foo disable, type tx, scope tx", "logging disable, type foo, scope tx",
            "logging disable, scope tx, type tx"}) {
            rejected("http", "config:" + bad + ";", "config");
        }
    }
}
