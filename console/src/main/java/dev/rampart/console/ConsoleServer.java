package dev.rampart.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.alerts.IncidentRecord;
import dev.rampart.alerts.score.MaskFile;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.console.actions.BlockService;
import dev.rampart.console.actions.RuleLibrary;
import dev.rampart.console.actions.SensorControl;
import dev.rampart.console.journal.Views;
import dev.rampart.console.security.SessionStore;
import dev.rampart.console.settings.HostSettings;
import dev.rampart.console.settings.SettingsStore;
import dev.rampart.console.web.Halt;
import dev.rampart.console.web.Html;
import dev.rampart.console.web.Pages;
import dev.rampart.console.web.Req;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's web server (Javalin): security filters, the REST/JSON API under {@code /api} and
 * the HTML pages ({@link Pages}). Every request but the static files, the login and the
 * first-start page needs a logged-in session; every POST, PUT and DELETE needs the session's CSRF
 * token (header {@code X-CSRF-Token} or form field {@code _csrf}), else 403.
 */
public final class ConsoleServer implements AutoCloseable {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    private static final String CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Console console;
    private final Pages pages;
    private Javalin app;

    public ConsoleServer(Console console) {
        this.console = console;
        this.pages = new Pages(console, this);
    }

    /** Starts serving on the configured address; returns the port (the configured one, or the one chosen for 0). */
    public int start() {
        app = Javalin.create(this::configure);
        app.start(console.config.bind(), console.config.port());
        return app.port();
    }

    public int port() {
        return app.port();
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        var r = cfg.routes;
        r.before(this::secure);
        r.exception(Halt.class, this::halted);
        r.exception(SettingsStore.InvalidSettings.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        r.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        r.exception(com.fasterxml.jackson.core.JsonProcessingException.class,
                (e, ctx) -> error(ctx, 400, "the request body is not the JSON expected: " + e.getOriginalMessage()));
        r.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        r.exception(IOException.class, (e, ctx) -> error(ctx, 500, "I/O error: " + e.getMessage()));
        r.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e.getClass().getSimpleName()));
        r.get("/static/console.css", ctx -> asset(ctx, "console.css", "text/css; charset=utf-8"));
        r.get("/static/console.js", ctx -> asset(ctx, "console.js", "text/javascript; charset=utf-8"));
        r.get("/setup", pages::setupPage);
        r.post("/setup", this::setup);
        r.get("/login", pages::loginPage);
        r.post("/login", this::login);
        r.post("/logout", this::logout);
        r.get("/", ctx -> ctx.redirect("/incidents"));
        pages.routes(r);
        api(r);
    }

    // ---- security

    private void secure(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cache-Control", "no-store");
        String path = ctx.path();
        if (path.startsWith("/static/")) {
            return;
        }
        SessionStore.Session s = console.sessions.find(ctx.cookie(SessionStore.COOKIE));
        ctx.attribute("rampart.session", s);
        HandlerType m = ctx.method();
        boolean safe = m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS;
        if (!safe) {
            String token = ctx.header(CSRF_HEADER);
            if (token == null) {
                String type = ctx.contentType();
                if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
                    token = ctx.formParam(CSRF_FIELD);
                }
            }
            if (s == null || !s.csrfMatches(token)) {
                throw new Halt(403, "forbidden: missing or wrong CSRF token (reload the page and try again)");
            }
        }
        // /api/session tells a script its CSRF token (and starts an anonymous session for POST /login)
        boolean open = path.equals("/login") || path.equals("/setup") || path.equals("/api/session");
        if (!console.passwords.isSet() && !path.equals("/setup") && !path.equals("/api/session")) {
            if (Req.isApi(ctx)) {
                throw new Halt(503, "no password set yet: open /setup in a browser first");
            }
            throw Halt.redirect("/setup");
        }
        if (open) {
            if (safe && s == null) {
                // login and first-start forms post with a CSRF token: they need a session first
                s = console.sessions.anonymous();
                setCookie(ctx, s);
                ctx.attribute("rampart.session", s);
            }
            return;
        }
        if (s == null || !s.loggedIn()) {
            if (Req.isApi(ctx)) {
                throw new Halt(401, "log in first (POST /login)");
            }
            throw Halt.redirect("/login");
        }
    }

    /** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries it). */
    static void setCookie(Context ctx, SessionStore.Session s) {
        ctx.header("Set-Cookie", SessionStore.COOKIE + "=" + s.id + "; Path=/; HttpOnly; SameSite=Strict");
    }

    private void halted(Halt h, Context ctx) {
        if (h.redirect != null) {
            ctx.redirect(h.redirect);
            return;
        }
        error(ctx, h.status, h.getMessage());
    }

    private void error(Context ctx, int status, String message) {
        ctx.status(status);
        if (Req.isApi(ctx)) {
            ctx.contentType("application/json; charset=utf-8");
            try {
                ctx.result(Req.JSON.writeValueAsString(Map.of("error", message == null ? "" : message)));
            } catch (IOException e) {
                ctx.result("{\"error\":\"\"}");
            }
            return;
        }
        String user = Req.user(ctx);
        ctx.html(Html.page("Error " + status, user, Req.csrf(ctx), "",
                "<h1>Error " + status + "</h1><p class=\"error\" id=\"error\">" + Html.esc(message) + "</p>"
                        + "<p><a href=\"javascript:history.back()\">Back</a></p>"));
    }

    private static void asset(Context ctx, String name, String type) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new Halt(404, "no " + name);
            }
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private void setup(Context ctx) throws IOException {
        if (console.passwords.isSet()) {
            throw new Halt(403, "the password is already set");
        }
        String user = ctx.formParam("user");
        String pw = ctx.formParam("password");
        String again = ctx.formParam("password2");
        String weak = pw != null && !pw.equals(again) ? "the two passwords differ" : dev.rampart.console.security.PasswordStore.weakness(user, pw);
        if (weak != null) {
            ctx.status(400);
            pages.renderSetup(ctx, weak);
            return;
        }
        console.passwords.setInitial(user, pw);
        console.audit.record(user, "password-set", "console", "first start");
        SessionStore.Session s = console.sessions.login(Req.session(ctx), user);
        setCookie(ctx, s);
        ctx.redirect("/incidents");
    }

    private void login(Context ctx) throws Exception {
        String user = ctx.formParam("user");
        String pw = ctx.formParam("password");
        String from = ctx.ip();
        long wait = console.loginThrottle.waitMillis(from);
        if (wait > 0) {
            // refused before the password is hashed: guessing can neither go on nor burn PBKDF2 time
            long seconds = (wait + 999) / 1000;
            ctx.header("Retry-After", Long.toString(seconds));
            ctx.status(429);
            pages.renderLogin(ctx, "too many failed logins: try again in " + seconds + " s");
            return;
        }
        if (!console.passwords.verify(user, pw)) {
            long lock = console.loginThrottle.failed(from);
            // the typed name only when it is the operator's: a password typed into the name field stays out of the journal
            String who = user != null && user.equals(console.passwords.user()) ? user : "(unknown user)";
            console.audit.record(who, "login-failed", "console", lock > 0 ? "from " + from + ", locked out " + (lock / 1000) + " s" : "");
            ctx.status(401);
            pages.renderLogin(ctx, "wrong user name or password");
            return;
        }
        console.loginThrottle.succeeded(from);
        SessionStore.Session s = console.sessions.login(Req.session(ctx), console.passwords.user());
        setCookie(ctx, s);
        console.audit.record(s.user, "login", "console", "");
        if (Req.isApi(ctx) || "application/json".equals(ctx.header("Accept"))) {
            Req.json(ctx, Map.of("user", s.user, "csrf", s.csrf));
            return;
        }
        ctx.redirect("/incidents");
    }

    private void logout(Context ctx) {
        SessionStore.Session s = Req.session(ctx);
        if (s != null && s.loggedIn()) {
            console.audit.record(s.user, "logout", "console", "");
        }
        console.sessions.logout(s);
        ctx.header("Set-Cookie", SessionStore.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        ctx.redirect("/login");
    }

    // ---- the JSON API

    private void api(io.javalin.config.RoutesConfig r) {
        r.get("/api/session", ctx -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("user", Req.user(ctx));
            out.put("csrf", Req.csrf(ctx));
            Req.json(ctx, out);
        });
        r.get("/api/incidents", ctx -> {
            console.index.refresh();
            Req.json(ctx, console.index.incidents(Req.filter(ctx), ctx.queryParam("sort"), Req.desc(ctx),
                    Req.intParam(ctx, "offset", 0), Req.intParam(ctx, "limit", 50)));
        });
        r.get("/api/incidents/{id}", ctx -> {
            console.index.refresh();
            long id = Req.longPath(ctx, "id");
            Views.IncidentRow inc = console.index.incident(id);
            if (inc == null) {
                throw new Halt(404, "no incident " + id);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("incident", inc);
            out.put("alerts", console.index.alerts(dev.rampart.console.journal.AlertFilter.ALL, id, "time", false,
                    Req.intParam(ctx, "offset", 0), Req.intParam(ctx, "limit", 50)));
            Req.json(ctx, out);
        });
        r.get("/api/alerts", ctx -> {
            console.index.refresh();
            long incident = ctx.queryParam("incident") == null ? 0 : Long.parseLong(ctx.queryParam("incident"));
            Req.json(ctx, console.index.alerts(Req.filter(ctx), incident, ctx.queryParam("sort"), Req.desc(ctx),
                    Req.intParam(ctx, "offset", 0), Req.intParam(ctx, "limit", 50)));
        });
        r.get("/api/alerts/{id}", ctx -> {
            console.index.refresh();
            long id = Req.longPath(ctx, "id");
            Views.AlertDetail a = console.index.alert(id);
            if (a == null) {
                throw new Halt(404, "no alert " + id);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("alert", a);
            RuleLibrary.RuleText rule = console.rules.find(a.row().sid());
            out.put("rule", rule);
            out.put("ruleDisabled", console.disableConf.isDisabled(a.row().sid()));
            Req.json(ctx, out);
        });
        r.get("/api/stats", ctx -> {
            console.index.refresh();
            Req.json(ctx, console.index.stats(Req.filter(ctx), Req.intParam(ctx, "buckets", 48)));
        });
        r.get("/api/masks", ctx -> Req.json(ctx, masks()));
        r.post("/api/masks", ctx -> {
            JsonNode body = Req.JSON.readTree(ctx.body());
            MaskSet.Mask m = addMask(Req.user(ctx), text(body, "kind"), body.path("sid").asLong(0), text(body, "host"),
                    body.path("incident").asLong(0));
            ctx.status(201);
            Req.json(ctx, Map.of("mask", MaskFile.format(m), "sensor", masksToSensor()));
        });
        r.delete("/api/masks/{index}", ctx -> {
            if (!console.masks.unmask(Req.user(ctx), (int) Req.longPath(ctx, "index"))) {
                throw new Halt(404, "no such mask");
            }
            masksToSensor();
            Req.json(ctx, masks());
        });
        r.get("/api/rules/{sid}", ctx -> {
            long sid = Req.longPath(ctx, "sid");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("sid", sid);
            out.put("rule", console.rules.find(sid));
            out.put("disabled", console.disableConf.isDisabled(sid));
            out.put("disableConf", console.disableConf.file().toString());
            Req.json(ctx, out);
        });
        r.put("/api/rules/{sid}", ctx -> {
            long sid = Req.longPath(ctx, "sid");
            JsonNode body = Req.JSON.readTree(ctx.body());
            if (!body.has("enabled")) {
                throw new IllegalArgumentException("body: {\"enabled\": true|false}");
            }
            Req.json(ctx, setRule(Req.user(ctx), sid, body.get("enabled").asBoolean()));
        });
        r.get("/api/block", ctx -> Req.json(ctx, console.block.list()));
        r.post("/api/block", ctx -> {
            JsonNode body = Req.JSON.readTree(ctx.body());
            ctx.status(201);
            Req.json(ctx, generatePolicy(Req.user(ctx), body.path("incident").asLong(0)));
        });
        r.post("/api/block/{id}/apply", ctx -> {
            JsonNode body = Req.JSON.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
            Req.json(ctx, applyPolicy(Req.user(ctx), ctx.pathParam("id"), body.path("confirm").asBoolean(false)));
        });
        r.delete("/api/block/{id}", ctx -> {
            removePolicy(Req.user(ctx), ctx.pathParam("id"));
            Req.json(ctx, console.block.list());
        });
        r.get("/api/hosts", ctx -> Req.json(ctx, hosts()));
        r.post("/api/hosts/active", ctx -> {
            JsonNode body = Req.JSON.readTree(ctx.body());
            List<String> hosts = new ArrayList<>();
            body.path("hosts").forEach(n -> hosts.add(n.asText()));
            List<HostSettings> changed = setActive(Req.user(ctx), hosts, body.path("active").asBoolean(true));
            Req.json(ctx, Map.of("hosts", changed, "sensor", settingsToSensor(hosts)));
        });
        r.get("/api/hosts/{host}/settings", ctx -> {
            HostSettings s = console.settings.get(ctx.pathParam("host"));
            if (s == null) {
                throw new Halt(404, "no host " + ctx.pathParam("host"));
            }
            Req.json(ctx, Map.of("settings", s, "sensorSupport", HostSettings.SENSOR_SUPPORT));
        });
        r.put("/api/hosts/{host}/settings", ctx -> {
            HostSettings in = Req.JSON.readValue(ctx.body(), HostSettings.class);
            HostSettings s = new HostSettings(ctx.pathParam("host"), in.mode(), in.processes(), in.httpsInspection(),
                    in.inboundProfile(), in.outboundProfile(), in.active());
            HostSettings saved = saveSettings(Req.user(ctx), s);
            Req.json(ctx, Map.of("settings", saved, "sensorSupport", HostSettings.SENSOR_SUPPORT,
                    "sensor", settingsToSensor(List.of(saved.host()))));
        });
        r.get("/api/audit", ctx -> {
            console.index.refresh();
            Req.json(ctx, console.index.actions(Math.min(1000, Math.max(1, Req.intParam(ctx, "limit", 100)))));
        });
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    // ---- actions shared by the API and the pages

    public List<Map<String, Object>> masks() {
        List<Map<String, Object>> out = new ArrayList<>();
        List<MaskSet.Mask> all = console.masks.list();
        for (int i = 0; i < all.size(); i++) {
            out.add(Map.of("index", i, "mask", MaskFile.format(all.get(i)), "label", all.get(i).label()));
        }
        return out;
    }

    /**
     * Asks the sensor to reload after the masks file changed: it reads the file again, so new
     * alerts the masks match are journaled flagged masked. Says what happened, never throws.
     */
    public String masksToSensor() {
        SensorControl.Reply reply = console.sensor.reload();
        return reply.ok() ? "the sensor reloaded its masks"
                : "saved in " + console.masks.file() + ", but the sensor did not reload: " + reply.message()
                + " — the masks apply to its alerts from its next start or reload";
    }

    public MaskSet.Mask addMask(String user, String kind, long sid, String host, long incident) throws IOException {
        if (kind == null) {
            throw new IllegalArgumentException("kind: sid, sid-host or incident");
        }
        return switch (kind) {
            case "sid" -> console.masks.maskSid(user, sid);
            case "sid-host" -> {
                if (host == null || host.isBlank()) {
                    throw new IllegalArgumentException("host: missing");
                }
                yield console.masks.maskSidHost(user, sid, host);
            }
            case "incident" -> {
                console.index.refresh();
                IncidentRecord r = console.index.incidentRecord(incident);
                if (r == null) {
                    throw new IllegalArgumentException("no incident " + incident);
                }
                yield console.masks.maskIncident(user, r);
            }
            default -> throw new IllegalArgumentException("kind: sid, sid-host or incident, not " + kind);
        };
    }

    /** Turns a rule off or on in disable.conf, then asks the sensor to reload; says what happened. */
    public Map<String, Object> setRule(String user, long sid, boolean enabled) throws IOException {
        boolean changed = enabled ? console.disableConf.enable(sid) : console.disableConf.disable(sid, user);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sid", sid);
        out.put("changed", changed);
        out.put("disabled", console.disableConf.isDisabled(sid));
        if (enabled && !console.disableConf.otherSelectors().isEmpty()) {
            out.put("note", "disable.conf also has selectors that are not a single sid " + console.disableConf.otherSelectors()
                    + ": one of them may still turn this rule off");
        }
        String message;
        if (changed) {
            console.audit.record(user, enabled ? "rule-on" : "rule-off", "sid:" + sid, console.disableConf.file().getFileName().toString());
            SensorControl.Reply reply = console.sensor.reload();
            out.put("reloaded", reply.ok());
            message = reply.ok() ? "saved in " + console.disableConf.file() + "; the sensor reloaded its rules"
                    : "saved in " + console.disableConf.file() + ", but the sensor did not reload: " + reply.message()
                    + " — the change applies at the sensor's next start or reload";
        } else {
            out.put("reloaded", false);
            message = enabled ? "rule " + sid + " was not turned off by a sid line in " + console.disableConf.file()
                    : "rule " + sid + " is already off in " + console.disableConf.file();
        }
        out.put("message", message);
        return out;
    }

    public BlockService.Policy generatePolicy(String user, long incident) throws IOException {
        console.index.refresh();
        Views.IncidentRow inc = console.index.incident(incident);
        if (inc == null) {
            throw new IllegalArgumentException("no incident " + incident);
        }
        BlockService.Policy p = console.block.generate(new BlockService.Target(incident, inc.hostA(), inc.hostB(),
                console.index.incidentPorts(incident)));
        console.audit.record(user, "block-generate", "incident:" + incident, p.table());
        return p;
    }

    public BlockService.Policy applyPolicy(String user, String id, boolean confirmed) throws IOException {
        if (!confirmed) {
            throw new IllegalArgumentException("applying a block policy needs the operator's explicit confirmation (confirm)");
        }
        if (console.block.find(id) == null) {
            throw new Halt(404, "no policy " + id);
        }
        BlockService.Policy p = console.block.apply(id);
        console.audit.record(user, "block-apply", "policy:" + id, p.applied() ? "applied" : "failed");
        return p;
    }

    public void removePolicy(String user, String id) throws IOException {
        if (!console.block.remove(id)) {
            throw new Halt(404, "no policy " + id);
        }
        console.audit.record(user, "block-remove", "policy:" + id, "");
    }

    /** The sensors this console knows: the local one (status from its control API) and hosts with stored settings. */
    public List<Map<String, Object>> hosts() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HostSettings s : console.settings.all()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("host", s.host());
            h.put("active", s.active());
            h.put("settings", s);
            if (SettingsStore.LOCAL.equals(s.host())) {
                SensorControl.Reply st = console.sensor.status();
                h.put("reachable", st.reachable());
                SensorControl.Status parsed = st.ok() ? SensorControl.Status.parse(st.body()) : null;
                String shown = !st.ok() ? st.message()
                        : parsed == null ? "the control port answered, but not with a sensor status document" : parsed.summary();
                if (parsed != null && parsed.journal() != null
                        && !Path.of(parsed.journal()).toAbsolutePath().normalize().equals(console.config.journal().toAbsolutePath().normalize())) {
                    shown += "; note: the sensor writes journal " + parsed.journal() + ", this console reads " + console.config.journal();
                }
                h.put("status", shown);
                if (parsed != null) {
                    h.put("sensor", parsed);
                }
                h.put("journal", console.config.journal().toString());
                h.put("alerts", console.index.alertCount());
                h.put("incidents", console.index.incidentCount());
            } else {
                h.put("reachable", false);
                h.put("status", "remote sensors are not supported yet: settings are stored only");
            }
            out.add(h);
        }
        return out;
    }

    public List<HostSettings> setActive(String user, List<String> hosts, boolean on) throws IOException {
        List<HostSettings> out = console.settings.setActive(hosts, on);
        console.audit.record(user, on ? "analysis-on" : "analysis-off", "hosts:" + String.join(",", hosts), "stored setting");
        return out;
    }

    public HostSettings saveSettings(String user, HostSettings s) throws IOException {
        HostSettings saved = console.settings.put(s);
        console.audit.record(user, "settings", "host:" + s.host(), "mode " + s.mode() + ", https " + s.httpsInspection()
                + ", profiles " + s.inboundProfile() + "/" + s.outboundProfile());
        return saved;
    }

    /**
     * After the settings of {@code hosts} changed: when the local host is among them, asks the
     * local sensor to reload (it reads settings.json again and applies the analysis switch and
     * process selection). Says what happened, never throws.
     */
    public String settingsToSensor(List<String> hosts) {
        if (!hosts.contains(SettingsStore.LOCAL)) {
            return "stored (remote sensors are not supported yet)";
        }
        SensorControl.Reply reply = console.sensor.reload();
        return reply.ok() ? "the local sensor reloaded its settings"
                : "stored, but the local sensor did not reload: " + reply.message()
                + " — the settings apply from its next start or reload";
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
