package dev.rampart.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole shared ET Open snapshot: every enabled rule must load. */
class EtOpenCorpusTest {

    @Test
    void allEnabledRulesParse() throws Exception {
        Path et = Corpus.etOpen();
        assumeTrue(et != null, "shared ET Open corpus not found");
        RuleFileLoader loader = new RuleFileLoader(new RuleParser(), true);
        RuleFileLoader.Result r = loader.load(List.of(et));
        List<RuleError> enabledErrors = r.errors().stream().filter(RuleError::enabled).toList();
        enabledErrors.stream().limit(30).forEach(System.out::println);
        System.out.println("disabled failures: " + r.errors().stream().filter(e -> !e.enabled()).count());
        r.errors().stream().filter(e -> !e.enabled()).limit(30).forEach(System.out::println);
        assertEquals(19237, r.enabledCount() + enabledErrors.size(), "enabled rules in the snapshot");
        assertEquals(0, enabledErrors.size(), "enabled rules that failed (first ones printed above)");
    }
}
