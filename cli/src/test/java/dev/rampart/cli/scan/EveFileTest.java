package dev.rampart.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.config.SuricataConfig;
import org.junit.jupiter.api.Test;

class EveFileTest {
    private static SuricataConfig config(String outputs) {
        return SuricataConfig.parse("test", "%YAML 1.1\n---\noutputs:\n" + outputs);
    }

    @Test
    void eachTypeGoesToTheOutputListingIt() {
        // suricata-verify output-multi-eve
        SuricataConfig c = config("""
                  - eve-log:
                      enabled: yes
                      filename: eve-ips.json
                      types:
                        - alert
                        - drop
                  - eve-log:
                      enabled: yes
                      filename: eve-nsm.json
                      types:
                        - http
                  - eve-log:
                      enabled: yes
                      filename: eve-stats.json
                      types:
                        - stats:
                            totals: yes
                """);
        assertEquals("eve-ips.json", EngineSettings.eveFile(c, "alert"));
        assertEquals("eve-stats.json", EngineSettings.eveFile(c, "stats"));
    }

    @Test
    void disabledOutputsAndUnlistedTypesFallBackToEveJson() {
        SuricataConfig c = config("""
                  - eve-log:
                      enabled: no
                      filename: off.json
                      types:
                        - alert:
                            tagged-packets: yes
                  - eve-log:
                      enabled: yes
                      filename: flows.json
                      types:
                        - flow
                """);
        assertEquals("eve.json", EngineSettings.eveFile(c, "alert"));
        assertEquals("flows.json", EngineSettings.eveFile(c, "flow"));
        assertEquals("eve.json", EngineSettings.eveFile(SuricataConfig.defaults(), "alert"));
    }
}
