package dev.rampart.rules.manage;

import dev.rampart.rules.RuleEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one rule update does: sources to read, filter files to apply, an optional profile, the
 * parser's environment (address/port variables) and a few switches. Build with {@link #builder()}.
 *
 * @param profile null keeps every enabled rule (same as {@link Profiles#FULL})
 * @param ignore file name globs (base names) of source files to skip, like suricata-update's
 *     {@code ignore} (e.g. {@code *deleted.rules})
 * @param resolveFlowbits enable, as {@code noalert}, disabled rules that set a flowbit an enabled rule
 *     checks (suricata-update does this by default)
 * @param log receives progress messages (downloads, cache use)
 */
public record UpdateConfig(
        List<RuleSource> sources,
        RuleFilters filters,
        Profile profile,
        RuleEnvironment environment,
        List<Glob> ignore,
        boolean resolveFlowbits,
        Downloader downloader,
        Consumer<String> log) {

    public UpdateConfig {
        sources = List.copyOf(sources);
        ignore = List.copyOf(ignore);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<RuleSource> sources = new ArrayList<>();
        private RuleFilters filters = RuleFilters.none();
        private Profile profile;
        private RuleEnvironment environment = RuleEnvironment.suricataDefaults();
        private final List<Glob> ignore = new ArrayList<>();
        private boolean resolveFlowbits = true;
        private Downloader downloader;
        private Consumer<String> log = m -> { };

        public Builder source(RuleSource s) {
            sources.add(s);
            return this;
        }

        public Builder sources(List<RuleSource> s) {
            sources.addAll(s);
            return this;
        }

        public Builder filters(RuleFilters f) {
            filters = f;
            return this;
        }

        public Builder profile(Profile p) {
            profile = p;
            return this;
        }

        public Builder environment(RuleEnvironment e) {
            environment = e;
            return this;
        }

        public Builder ignore(String glob) {
            ignore.add(Glob.compile(glob));
            return this;
        }

        public Builder resolveFlowbits(boolean on) {
            resolveFlowbits = on;
            return this;
        }

        public Builder downloader(Downloader d) {
            downloader = d;
            return this;
        }

        public Builder log(Consumer<String> l) {
            log = l;
            return this;
        }

        public UpdateConfig build() {
            Downloader d = downloader != null ? downloader : Downloader.create(null, log);
            return new UpdateConfig(sources, filters, profile, environment, ignore, resolveFlowbits, d, log);
        }
    }
}
