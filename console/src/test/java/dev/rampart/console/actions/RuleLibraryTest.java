package dev.rampart.console.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule texts by sid: Suricata rules from *.rules, SecLang rules with their chains from *.conf, in several directories. */
class RuleLibraryTest {
    @TempDir
    Path dir;

    @Test
    void suricataAndSecLangRulesAreFoundByTheirSid() throws Exception {
        Path et = Files.createDirectories(dir.resolve("et"));
        Files.writeString(et.resolve("emerging-web.rules"), """
                # alert http any any -> any any (msg:"old copy"; sid:2001; rev:1;)
                alert http any any -> any any (msg:"active"; content:"x"; sid:2001; rev:2;)
                """);
        Path crs = Files.createDirectories(dir.resolve("crs/rules"));
        Files.writeString(crs.resolve("REQUEST-920-PROTOCOL-ENFORCEMENT.conf"), """
                # a comment before the rule
                SecRule REQUEST_LINE "!@rx ^x" \\
                    "id:920100,\\
                    phase:1,\\
                    msg:'Invalid HTTP Request Line'"

                SecMarker "END-920"
                SecRule REQUEST_HEADERS_NAMES "@rx ^.*$" \\
                    "id:920450,\\
                    phase:1,\\
                    chain"
                    # a comment inside the chain
                    SecRule TX:/^header_name_920450_/ "@within %{tx.restricted_headers_basic}" \\
                        "setvar:'tx.inbound_anomaly_score_pl1=+5'"
                SecAction "id:901001,phase:1,nolog,pass,setvar:tx.x=1"
                """);
        RuleLibrary lib = new RuleLibrary(List.of(dir.resolve("et"), dir.resolve("crs")));

        RuleLibrary.RuleText active = lib.find(2001);
        assertEquals("suricata", active.language());
        assertTrue(active.text().startsWith("alert http"), active.text());
        assertEquals(2, active.line());

        RuleLibrary.RuleText r = lib.find(920100);
        assertEquals("seclang", r.language());
        assertEquals(Path.of("rules", "REQUEST-920-PROTOCOL-ENFORCEMENT.conf").toString(), r.file());
        assertEquals(2, r.line());
        assertEquals("""
                SecRule REQUEST_LINE "!@rx ^x" \\
                    "id:920100,\\
                    phase:1,\\
                    msg:'Invalid HTTP Request Line'\"""", r.text());

        RuleLibrary.RuleText chained = lib.find(920450);
        assertEquals(8, chained.line());
        assertTrue(chained.text().startsWith("SecRule REQUEST_HEADERS_NAMES"), chained.text());
        assertTrue(chained.text().contains("SecRule TX:/^header_name_920450_/"), "the chained rule is part of it: " + chained.text());
        assertTrue(chained.text().endsWith("\"setvar:'tx.inbound_anomaly_score_pl1=+5'\""), chained.text());
        assertTrue(!chained.text().contains("901001"), "the next rule is not: " + chained.text());

        assertEquals("SecAction \"id:901001,phase:1,nolog,pass,setvar:tx.x=1\"", lib.find(901001).text());
        assertNull(lib.find(42));
        assertNull(new RuleLibrary(List.of()).find(2001));
    }

    @Test
    void aChangedFileIsReadAgain() throws Exception {
        Path f = dir.resolve("local.conf");
        Files.writeString(f, "SecRule ARGS \"@rx a\" \"id:1,phase:2,msg:'one'\"\n");
        RuleLibrary lib = new RuleLibrary(List.of(dir));
        assertTrue(lib.find(1).text().contains("'one'"));
        Files.writeString(f, "SecRule ARGS \"@rx a\" \"id:1,phase:2,msg:'changed text'\"\n");
        assertTrue(lib.find(1).text().contains("'changed text'"), lib.find(1).text());
    }
}
