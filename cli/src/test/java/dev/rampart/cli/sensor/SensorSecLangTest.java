package dev.rampart.cli.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.detect.seclang.SecLangRules;
import dev.rampart.engine.detect.seclang.SecRuleProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rules.seclang in rampart.yaml: the files load in order, disable.conf turns SecLang rules off by id. */
class SensorSecLangTest {
    @TempDir
    Path dir;

    @Test
    void secLangFilesAreReadRelativeToTheConfigAndDisableConfRemovesRulesById() throws Exception {
        Files.writeString(dir.resolve("setup.conf"), """
                SecAction "id:900001,phase:1,nolog,pass,setvar:tx.x=1"
                """);
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/a.conf"), """
                SecRule ARGS "@contains evil" "id:100,phase:2,pass,log,msg:'evil'"
                SecRule ARGS "@contains bad" "id:101,phase:2,pass,log,msg:'bad'"
                SecRule ARGS "@contains worse" "id:102,phase:2,pass,log,msg:'worse'"
                """);
        Files.writeString(dir.resolve("disable.conf"), """
                # turned off in the console
                1:101
                102 # by hand
                2010001
                """);
        SensorConfig c = SensorConfig.parse("rampart.yaml", """
                rules:
                  seclang: [setup.conf, rules]
                  disable-conf: disable.conf
                """, dir);
        assertEquals(List.of(dir.resolve("setup.conf"), dir.resolve("rules")), c.secLang);
        SecLangRules r = SensorRules.loadSecLang(c);
        assertEquals(List.of(900001L, 100L), r.rules().stream().map(SecRuleProgram::id).toList());
    }

    @Test
    void aSecLangFileThatDoesNotParseFailsTheLoadNamingTheLine() throws Exception {
        Files.writeString(dir.resolve("bad.conf"), """
                SecRule ARGS "@contains x" "id:1,phase:2,pass"
                SecRule ARGS "@contains x" "id:2,phase:2,pass,nosuchaction"
                """);
        SensorConfig c = SensorConfig.parse("rampart.yaml", "rules: {seclang: [bad.conf]}\n", dir);
        String msg = assertThrows(SensorRules.Failed.class, () -> SensorRules.loadSecLang(c)).getMessage();
        assertTrue(msg.startsWith("rules.seclang: ") && msg.contains("bad.conf:2"), msg);
    }
}
