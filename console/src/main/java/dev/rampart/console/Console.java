package dev.rampart.console;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.console.actions.BlockService;
import dev.rampart.console.actions.DisableConf;
import dev.rampart.console.actions.MaskService;
import dev.rampart.console.actions.PolicyBlockService;
import dev.rampart.console.actions.RuleLibrary;
import dev.rampart.console.actions.SensorControl;
import dev.rampart.console.journal.AuditLog;
import dev.rampart.console.journal.JournalIndex;
import dev.rampart.console.security.LoginThrottle;
import dev.rampart.console.security.PasswordStore;
import dev.rampart.console.security.SessionStore;
import dev.rampart.console.settings.SettingsStore;
import dev.rampart.policy.NftablesApplier;
import dev.rampart.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The console's parts over one journal and one state directory. The journal is opened for
 * appending too (the audit trail); the sensor may be writing it at the same time (Chronicle
 * serialises appenders across processes).
 */
public final class Console implements AutoCloseable {
    public final ConsoleConfig config;
    public final AlertJournal journal;
    public final JournalIndex index;
    public final AuditLog audit;
    public final PasswordStore passwords;
    public final SessionStore sessions;
    public final LoginThrottle loginThrottle;
    public final MaskService masks;
    public final DisableConf disableConf;
    public final RuleLibrary rules;
    public final SensorControl sensor;
    public final BlockService block;
    public final SettingsStore settings;

    public Console(ConsoleConfig config, NftablesApplier nft) throws IOException {
        this(config, nft, Clock.systemUTC());
    }

    /** With the clock sessions, login lock-outs and the audit trail read (tests move it instead of sleeping). */
    public Console(ConsoleConfig config, NftablesApplier nft, Clock clock) throws IOException {
        this.config = config;
        Path state = config.stateDir();
        Files.createDirectories(state);
        SecureRandom random = new SecureRandom();
        this.passwords = new PasswordStore(state.resolve("password"), random);
        this.sessions = new SessionStore(random, clock);
        this.loginThrottle = new LoginThrottle(clock);
        this.journal = AlertJournal.open(JournalConfig.at(config.journal()).roll(config.roll()));
        MaskSet maskSet = new MaskSet();
        this.index = new JournalIndex(journal.reader(), journal.reader(), maskSet);
        this.audit = new AuditLog(journal, clock);
        this.masks = new MaskService(state.resolve("masks"), maskSet, audit);
        this.disableConf = new DisableConf(config.disableConf());
        this.rules = new RuleLibrary(config.rulesDirs());
        this.sensor = new SensorControl("127.0.0.1", config.controlPort());
        this.block = new PolicyBlockService(new PolicyStore(state.resolve("policies")), nft, clock,
                PolicyBlockService::isThisHost);
        this.settings = new SettingsStore(state.resolve("settings.json"));
        index.refresh();
    }

    @Override
    public void close() {
        index.close();
        journal.close();
    }
}
