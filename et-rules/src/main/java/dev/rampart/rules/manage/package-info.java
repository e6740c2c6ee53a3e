/**
 * Rule-set management, as suricata-update does it: read rule sources (directories, rule files,
 * {@code .tar.gz} archives, downloads checked by checksum), apply {@code enable.conf},
 * {@code disable.conf}, {@code drop.conf} and {@code modify.conf}, cut the result down with a
 * profile ({@code minimal}, {@code balanced}, {@code full}, or user profiles from YAML, optionally
 * per traffic direction), and write one {@code .rules} file.
 *
 * <pre>
 * RuleFilters filters = RuleFilters.load(enableConf, disableConf, dropConf, modifyConf); // nulls allowed
 * Profile profile = Profiles.resolve("balanced", Profiles.load(profilesYaml))            // or Map.of()
 *         .withDirection(TrafficDirection.Filter.INBOUND);                               // optional
 * EffectiveRuleSet set = RuleManager.update(UpdateConfig.builder()
 *         .source(RuleSources.of("/var/lib/rampart/et-open"))
 *         .source(RuleSources.url("https://host/emerging.rules.tar.gz"))  // checked with &lt;url&gt;.md5
 *         .filters(filters).profile(profile).environment(env).log(System.err::println)
 *         .build());
 * set.errors().forEach(System.err::println);          // file:line: sid N: reason
 * new RuleFileWriter().write(set, Path.of("rampart.rules"));
 * for (ManagedRule r : set.rules()) {                 // list --profile
 *     ProfileDecision d = set.profileDecision(r);     // in/out and which filter decided
 *     List&lt;String&gt; why = set.explain(r);              // every step taken on the rule
 * }
 * </pre>
 * Configuration errors are thrown as {@link dev.rampart.rules.manage.RuleConfigException} listing
 * every malformed line as {@code file:line: reason}.
 */
package dev.rampart.rules.manage;
