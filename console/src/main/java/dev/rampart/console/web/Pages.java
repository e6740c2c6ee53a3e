package dev.rampart.console.web;

import static dev.rampart.console.web.Html.esc;

import dev.rampart.alerts.score.MaskFile;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.console.Console;
import dev.rampart.console.ConsoleServer;
import dev.rampart.console.actions.BlockService;
import dev.rampart.console.actions.RuleLibrary;
import dev.rampart.console.journal.AlertFilter;
import dev.rampart.console.journal.Views;
import dev.rampart.console.settings.HostSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The HTML pages: server-rendered, every value escaped, forms posting with the session's CSRF
 * token; lists are pages of at most {@link dev.rampart.console.journal.JournalIndex#MAX_PAGE}
 * rows and charts are inline SVG of server-side counts.
 */
public final class Pages {
    private final Console console;
    private final ConsoleServer server;

    public Pages(Console console, ConsoleServer server) {
        this.console = console;
        this.server = server;
    }

    public void routes(RoutesConfig r) {
        r.get("/incidents", this::incidents);
        r.get("/incidents/{id}", this::incident);
        r.get("/alerts", this::alerts);
        r.get("/alerts/{id}", this::alert);
        r.get("/masks", this::masks);
        r.post("/masks", ctx -> {
            MaskSet.Mask m = server.addMask(Req.user(ctx), ctx.formParam("kind"), Req.longOrZero("sid", ctx.formParam("sid")),
                    ctx.formParam("host"), Req.longOrZero("incident", ctx.formParam("incident")));
            back(ctx, "masked: " + MaskFile.format(m) + "; " + server.masksToSensor());
        });
        r.post("/masks/{index}/delete", ctx -> {
            boolean ok = console.masks.unmask(Req.user(ctx), (int) Req.longPath(ctx, "index"));
            ctx.redirect("/masks?notice=" + Html.url(ok ? "mask removed; " + server.masksToSensor() : "no such mask"));
        });
        r.get("/rules", this::rules);
        r.post("/rules/{sid}/off", ctx -> back(ctx, (String) server.setRule(Req.user(ctx), Req.longPath(ctx, "sid"), false).get("message")));
        r.post("/rules/{sid}/on", ctx -> back(ctx, (String) server.setRule(Req.user(ctx), Req.longPath(ctx, "sid"), true).get("message")));
        r.post("/rules/off", ctx -> back(ctx, (String) server.setRule(Req.user(ctx), Req.longForm(ctx, "sid"), false).get("message")));
        r.get("/block", this::blockList);
        r.post("/block/generate", ctx -> {
            BlockService.Policy p = server.generatePolicy(Req.user(ctx), Req.longForm(ctx, "incident"));
            ctx.redirect("/block/" + p.id());
        });
        r.get("/block/{id}", this::blockPolicy);
        r.post("/block/{id}/apply", ctx -> {
            BlockService.Policy p = server.applyPolicy(Req.user(ctx), ctx.pathParam("id"), "yes".equals(ctx.formParam("confirm")));
            ctx.redirect("/block/" + p.id() + "?notice=" + Html.url(p.lastResult()));
        });
        r.post("/block/{id}/remove", ctx -> {
            server.removePolicy(Req.user(ctx), ctx.pathParam("id"));
            ctx.redirect("/block?notice=" + Html.url("policy removed"));
        });
        r.get("/hosts", this::hosts);
        r.post("/hosts/active", ctx -> {
            boolean on = "on".equals(ctx.formParam("active"));
            List<String> hosts = ctx.formParams("host");
            server.setActive(Req.user(ctx), hosts, on);
            ctx.redirect("/hosts?notice=" + Html.url("analysis " + (on ? "activated" : "deactivated") + " on " + hosts
                    + ": " + server.settingsToSensor(hosts)));
        });
        r.get("/hosts/{host}/settings", ctx -> settings(ctx, null, null));
        r.post("/hosts/{host}/settings", ctx -> {
            String host = ctx.pathParam("host");
            List<String> procs = Arrays.stream((ctx.formParam("processes") == null ? "" : ctx.formParam("processes")).split("\n"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            HostSettings old = console.settings.get(host);
            HostSettings s = new HostSettings(host, ctx.formParam("mode"), procs, "on".equals(ctx.formParam("https")),
                    ctx.formParam("inbound"), ctx.formParam("outbound"), old == null || old.active());
            List<String> problems = s.problems();
            if (!problems.isEmpty()) {
                ctx.status(400);
                settings(ctx, s, problems);
                return;
            }
            server.saveSettings(Req.user(ctx), s);
            ctx.redirect("/hosts/" + Html.url(host) + "/settings?notice=" + Html.url("settings saved: "
                    + server.settingsToSensor(List.of(host))));
        });
        r.get("/audit", this::audit);
    }

    /** Back to the page the form was on (a local path only), with a notice. */
    private static void back(Context ctx, String notice) {
        String to = ctx.formParam("back");
        if (to == null || !to.startsWith("/") || to.startsWith("//") || to.contains("\\")) {
            to = "/incidents";
        }
        int q = to.indexOf("notice=");
        if (q > 0) {
            to = to.substring(0, q - 1);
        }
        ctx.redirect(to + (to.contains("?") ? "&" : "?") + "notice=" + Html.url(notice));
    }

    private static String noticeOf(Context ctx) {
        return Html.notice("notice", ctx.queryParam("notice"));
    }

    private static void send(Context ctx, String title, String active, String body) {
        ctx.html(Html.page(title, Req.user(ctx), Req.csrf(ctx), active, body));
    }

    private static String here(Context ctx) {
        String q = ctx.queryString();
        return ctx.path() + (q == null || q.isEmpty() ? "" : "?" + q);
    }

    // ---- login and first start

    public void setupPage(Context ctx) {
        if (console.passwords.isSet()) {
            ctx.redirect("/login");
            return;
        }
        renderSetup(ctx, null);
    }

    public void renderSetup(Context ctx, String problem) {
        send(ctx, "First start", "", "<h1>First start: set the operator password</h1>"
                + "<p>The password is stored hashed (PBKDF2) in " + esc(console.config.stateDir()) + ". At least "
                + dev.rampart.console.security.PasswordStore.MIN_LENGTH + " characters.</p>" + Html.notice("error", problem)
                + "<form method=\"post\" action=\"/setup\" class=\"box\">" + Html.csrfField(Req.csrf(ctx))
                + "<label>User <input name=\"user\" id=\"user\" value=\"admin\" autocomplete=\"username\"></label>"
                + "<label>Password <input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"new-password\"></label>"
                + "<label>Again <input type=\"password\" name=\"password2\" id=\"password2\" autocomplete=\"new-password\"></label>"
                + "<button type=\"submit\" id=\"setup\">Set password</button></form>");
    }

    public void loginPage(Context ctx) {
        if (Req.session(ctx) != null && Req.session(ctx).loggedIn()) {
            ctx.redirect("/incidents");
            return;
        }
        renderLogin(ctx, null);
    }

    public void renderLogin(Context ctx, String problem) {
        ctx.html(Html.page("Log in", null, Req.csrf(ctx), "", "<h1>Log in</h1>" + Html.notice("error", problem)
                + "<form method=\"post\" action=\"/login\" class=\"box\">" + Html.csrfField(Req.csrf(ctx))
                + "<label>User <input name=\"user\" id=\"user\" autocomplete=\"username\"></label>"
                + "<label>Password <input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\"></label>"
                + "<button type=\"submit\" id=\"login\">Log in</button></form>"));
    }

    // ---- incidents and alerts

    private static String filterForm(Context ctx, String action, String sortOptions) {
        StringBuilder b = new StringBuilder();
        b.append("<form method=\"get\" action=\"").append(action).append("\" class=\"filters\" id=\"filters\">");
        b.append(field(ctx, "from", "From (UTC)", "2026-01-31T00:00"));
        b.append(field(ctx, "to", "To (UTC)", ""));
        b.append(field(ctx, "sid", "Rule (sid)", ""));
        b.append(field(ctx, "host", "Host (IP)", ""));
        b.append("<label>Severity <select name=\"severity\" id=\"f-severity\"><option value=\"\">any</option>");
        for (int s = 1; s <= 4; s++) {
            String v = String.valueOf(s);
            b.append("<option value=\"").append(v).append('"').append(v.equals(ctx.queryParam("severity")) ? " selected" : "")
                    .append(">").append(s == 1 ? "1 (high)" : s == 4 ? "4 (low)" : v).append(" and higher</option>");
        }
        b.append("</select></label>");
        b.append("<label>Sort <select name=\"sort\" id=\"f-sort\">").append(sortOptions(ctx, sortOptions)).append("</select></label>");
        b.append("<label>Order <select name=\"order\"><option value=\"desc\">descending</option><option value=\"asc\"")
                .append("asc".equals(ctx.queryParam("order")) ? " selected" : "").append(">ascending</option></select></label>");
        b.append("<label><input type=\"checkbox\" name=\"hideMasked\" value=\"on\"")
                .append("on".equals(ctx.queryParam("hideMasked")) ? " checked" : "").append("> hide masked</label>");
        b.append("<button type=\"submit\" id=\"apply-filters\">Apply</button> <a href=\"").append(action).append("\">reset</a></form>");
        return b.toString();
    }

    private static String field(Context ctx, String name, String label, String placeholder) {
        return "<label>" + label + " <input name=\"" + name + "\" id=\"f-" + name + "\" value=\"" + esc(ctx.queryParam(name))
                + "\" placeholder=\"" + esc(placeholder) + "\"></label>";
    }

    private static String sortOptions(Context ctx, String options) {
        StringBuilder b = new StringBuilder();
        for (String o : options.split(",")) {
            b.append("<option").append(o.equals(ctx.queryParam("sort")) ? " selected" : "").append('>').append(o).append("</option>");
        }
        return b.toString();
    }

    /** Previous / next links keeping the other parameters. */
    private static String pager(Context ctx, Views.Page<?> page) {
        StringBuilder b = new StringBuilder("<p class=\"pager\" id=\"pager\">");
        long from = page.total() == 0 ? 0 : page.offset() + 1;
        long to = Math.min(page.total(), (long) page.offset() + page.items().size());
        b.append("<span id=\"page-range\">").append(from).append("–").append(to).append(" of <span id=\"total\">")
                .append(page.total()).append("</span></span>");
        if (page.offset() > 0) {
            b.append(" <a id=\"prev\" href=\"").append(esc(withOffset(ctx, Math.max(0, page.offset() - page.limit())))).append("\">previous</a>");
        }
        if (to < page.total()) {
            b.append(" <a id=\"next\" href=\"").append(esc(withOffset(ctx, page.offset() + page.limit()))).append("\">next</a>");
        }
        return b.append("</p>").toString();
    }

    private static String withOffset(Context ctx, int offset) {
        StringBuilder q = new StringBuilder(ctx.path()).append("?offset=").append(offset);
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().equals("offset") || e.getKey().equals("notice")) {
                continue;
            }
            for (String v : e.getValue()) {
                q.append('&').append(Html.url(e.getKey())).append('=').append(Html.url(v));
            }
        }
        return q.toString();
    }

    private void incidents(Context ctx) {
        console.index.refresh();
        AlertFilter f = Req.filter(ctx);
        Views.Page<Views.IncidentRow> page = console.index.incidents(f, ctx.queryParam("sort"), Req.desc(ctx),
                Req.intParam(ctx, "offset", 0), Req.intParam(ctx, "limit", 50));
        Views.Stats stats = console.index.stats(f, 48);
        StringBuilder b = new StringBuilder();
        b.append("<h1>Incidents</h1>").append(noticeOf(ctx));
        b.append("<p class=\"summary\" id=\"summary\"><span id=\"incident-total\">").append(page.total())
                .append("</span> incidents; <span id=\"alert-total\">").append(stats.alerts()).append("</span> alerts (")
                .append(stats.masked()).append(" masked) in ").append(esc(console.config.journal())).append("</p>");
        if (console.index.unreadable() > 0) {
            b.append(Html.notice("error", console.index.unreadable() + " journal entries could not be read: " + console.index.lastError()));
        }
        b.append(filterForm(ctx, "/incidents", "last,first,score,alerts,severity,id"));
        b.append("<section class=\"charts\">").append(Charts.timeline(stats))
                .append(Charts.bars("chart-rules", "top rules", stats.topRules(), "sid"))
                .append(Charts.bars("chart-hosts", "top hosts", stats.topHosts(), "host")).append("</section>");
        b.append(pager(ctx, page));
        b.append("<table id=\"incidents\"><thead><tr><th>#</th><th>last seen</th><th>hosts</th><th>key</th><th>score</th>")
                .append("<th>alerts</th><th>sev</th><th>rules</th><th></th></tr></thead><tbody>");
        for (Views.IncidentRow r : page.items()) {
            b.append("<tr class=\"incident").append(r.masked() ? " masked" : "").append("\" data-id=\"").append(r.id()).append("\">")
                    .append("<td><a href=\"/incidents/").append(r.id()).append("\">").append(r.id()).append("</a></td>")
                    .append("<td>").append(esc(r.last())).append("</td><td>").append(esc(r.hostA())).append(" ↔ ").append(esc(r.hostB()))
                    .append("</td><td>").append(esc(r.key())).append("</td><td>").append(r.score()).append("</td><td>")
                    .append(r.alertCount()).append("</td><td>").append(r.severity()).append("</td><td>").append(esc(r.rules()))
                    .append("</td><td>").append(r.masked() ? "masked" : "").append("</td></tr>");
        }
        b.append("</tbody></table>");
        send(ctx, "Incidents", "incidents", b.toString());
    }

    private void incident(Context ctx) throws IOException {
        console.index.refresh();
        long id = Req.longPath(ctx, "id");
        Views.IncidentRow r = console.index.incident(id);
        if (r == null) {
            throw new Halt(404, "no incident " + id);
        }
        Views.Page<Views.AlertRow> alerts = console.index.alerts(AlertFilter.ALL, id, "time", false,
                Req.intParam(ctx, "offset", 0), 50);
        StringBuilder b = new StringBuilder();
        b.append("<h1>Incident ").append(id).append(r.masked() ? " <span class=\"tag\">masked</span>" : "").append("</h1>").append(noticeOf(ctx));
        b.append("<dl class=\"facts\"><dt>key</dt><dd>").append(esc(r.key())).append(r.flowId() != 0 ? " " + r.flowId() : "")
                .append("</dd><dt>hosts</dt><dd>").append(esc(r.hostA())).append(" ↔ ").append(esc(r.hostB()))
                .append("</dd><dt>first seen</dt><dd>").append(esc(r.first())).append("</dd><dt>last seen</dt><dd>")
                .append(esc(r.last())).append("</dd><dt>score</dt><dd>").append(r.score()).append("</dd><dt>alerts</dt><dd>")
                .append(r.alertCount()).append(" when raised</dd><dt>rules</dt><dd>");
        for (long sid : r.sids()) {
            b.append("<a href=\"/alerts?sid=").append(sid).append("\">").append(sid).append("</a> ");
        }
        b.append("</dd></dl>");
        String csrf = Html.csrfField(Req.csrf(ctx));
        String back = "<input type=\"hidden\" name=\"back\" value=\"" + esc(here(ctx)) + "\">";
        b.append("<div class=\"actions\"><form method=\"post\" action=\"/masks\">").append(csrf).append(back)
                .append("<input type=\"hidden\" name=\"kind\" value=\"incident\"><input type=\"hidden\" name=\"incident\" value=\"")
                .append(id).append("\"><button type=\"submit\" id=\"mask-incident\">Mask this incident</button></form>")
                .append("<form method=\"post\" action=\"/block/generate\">").append(csrf)
                .append("<input type=\"hidden\" name=\"incident\" value=\"").append(id)
                .append("\"><button type=\"submit\" id=\"block-incident\">Generate block policy…</button></form></div>");
        b.append("<h2>Alerts</h2>").append(pager(ctx, alerts)).append(alertTable(ctx, alerts.items(), true));
        // the rules involved, as written in the rule files
        b.append("<h2>Rules</h2>");
        for (long sid : r.sids()) {
            RuleLibrary.RuleText rule = console.rules.find(sid);
            b.append("<pre class=\"rule\" data-sid=\"").append(sid).append("\">").append(rule == null
                    ? "sid " + sid + ": " + (console.rules.dirs().isEmpty() ? "no --rules-dir given" : "not in the rule files")
                    : esc(rule.text())).append("</pre>");
        }
        // the first alert's flow and payload, the rest one click away
        if (!alerts.items().isEmpty()) {
            Views.AlertDetail first = console.index.alert(alerts.items().get(0).id());
            if (first != null) {
                Views.AlertRow a = first.row();
                b.append("<h2>First alert's flow</h2><p>").append(esc(a.proto())).append(' ').append(esc(a.src())).append(':')
                        .append(a.srcPort()).append(" → ").append(esc(a.dst())).append(':').append(a.dstPort())
                        .append(first.appProto().isEmpty() ? "" : " (" + esc(first.appProto()) + ")").append(", flow ").append(a.flowId())
                        .append(", ").append(esc(first.direction())).append("</p>");
                if (first.payloadLength() > 0) {
                    b.append("<div class=\"payload\"><pre class=\"hex\">").append(esc(first.payloadHex()))
                            .append("</pre><pre class=\"text\">").append(esc(first.payloadText())).append("</pre></div>");
                }
            }
        }
        send(ctx, "Incident " + id, "incidents", b.toString());
    }

    private String alertTable(Context ctx, List<Views.AlertRow> rows, boolean actions) {
        String csrf = Html.csrfField(Req.csrf(ctx));
        String back = "<input type=\"hidden\" name=\"back\" value=\"" + esc(here(ctx)) + "\">";
        StringBuilder b = new StringBuilder("<table class=\"alerts\" id=\"alerts\"><thead><tr><th>#</th><th>time</th><th>sid</th>"
                + "<th>msg</th><th>sev</th><th>source</th><th>destination</th><th>proto</th><th>score</th><th>incident</th><th></th></tr></thead><tbody>");
        for (Views.AlertRow a : rows) {
            b.append("<tr class=\"alert").append(a.masked() ? " masked" : "").append("\" data-id=\"").append(a.id())
                    .append("\" data-sid=\"").append(a.sid()).append("\"><td><a href=\"/alerts/").append(a.id()).append("\">").append(a.id())
                    .append("</a></td><td>").append(esc(a.time())).append("</td><td>").append(a.sid()).append("</td><td>")
                    .append(esc(a.msg())).append("</td><td>").append(a.severity()).append("</td><td>").append(esc(a.src())).append(':')
                    .append(a.srcPort()).append("</td><td>").append(esc(a.dst())).append(':').append(a.dstPort()).append("</td><td>")
                    .append(esc(a.proto())).append("</td><td>").append(a.score()).append("</td><td>");
            if (a.incidentId() != 0) {
                b.append("<a href=\"/incidents/").append(a.incidentId()).append("\">").append(a.incidentId()).append("</a>");
            }
            b.append("</td><td>");
            if (a.masked()) {
                b.append("<span class=\"tag\">masked</span>");
            } else if (actions) {
                b.append("<form method=\"post\" action=\"/masks\" class=\"inline\">").append(csrf).append(back)
                        .append("<input type=\"hidden\" name=\"kind\" value=\"sid\"><input type=\"hidden\" name=\"sid\" value=\"")
                        .append(a.sid()).append("\"><button type=\"submit\" class=\"mask-sid\">mask rule</button></form>");
                b.append("<form method=\"post\" action=\"/masks\" class=\"inline\">").append(csrf).append(back)
                        .append("<input type=\"hidden\" name=\"kind\" value=\"sid-host\"><input type=\"hidden\" name=\"sid\" value=\"")
                        .append(a.sid()).append("\"><input type=\"hidden\" name=\"host\" value=\"").append(esc(a.src()))
                        .append("\"><button type=\"submit\" class=\"mask-sid-host\">mask rule for ").append(esc(a.src()))
                        .append("</button></form>");
            }
            b.append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private void alerts(Context ctx) {
        console.index.refresh();
        long incident = Req.longOrZero("incident", ctx.queryParam("incident"));
        Views.Page<Views.AlertRow> page = console.index.alerts(Req.filter(ctx), incident, ctx.queryParam("sort"), Req.desc(ctx),
                Req.intParam(ctx, "offset", 0), Req.intParam(ctx, "limit", 50));
        String body = "<h1>Alerts</h1>" + noticeOf(ctx) + filterForm(ctx, "/alerts", "time,sid,severity,score") + pager(ctx, page)
                + alertTable(ctx, page.items(), true);
        send(ctx, "Alerts", "alerts", body);
    }

    private void alert(Context ctx) throws IOException {
        console.index.refresh();
        long id = Req.longPath(ctx, "id");
        Views.AlertDetail d = console.index.alert(id);
        if (d == null) {
            throw new Halt(404, "no alert " + id + " (or the journal no longer holds it)");
        }
        Views.AlertRow a = d.row();
        StringBuilder b = new StringBuilder();
        b.append("<h1>Alert ").append(id).append(a.masked() ? " <span class=\"tag\">masked</span>" : "").append("</h1>").append(noticeOf(ctx));
        b.append("<p class=\"msg\">").append(esc(a.msg())).append("</p>");
        b.append("<dl class=\"facts\"><dt>time</dt><dd>").append(esc(a.time())).append("</dd><dt>rule</dt><dd>").append(d.gid()).append(':')
                .append(a.sid()).append(':').append(d.rev()).append("</dd><dt>class</dt><dd>").append(esc(d.classtype())).append(" — ")
                .append(esc(d.category())).append("</dd><dt>severity</dt><dd>").append(a.severity()).append("</dd><dt>score</dt><dd>")
                .append(a.score()).append("</dd><dt>action</dt><dd>").append(esc(d.action())).append("</dd><dt>metadata</dt><dd>")
                .append(esc(d.metadata())).append("</dd></dl>");
        b.append("<h2>Flow</h2><dl class=\"facts\"><dt>flow id</dt><dd>").append(a.flowId()).append("</dd><dt>source</dt><dd>")
                .append(esc(a.src())).append(':').append(a.srcPort()).append("</dd><dt>destination</dt><dd>").append(esc(a.dst())).append(':')
                .append(a.dstPort()).append("</dd><dt>protocol</dt><dd>").append(esc(a.proto())).append(d.appProto().isEmpty() ? "" : " / " + esc(d.appProto()))
                .append("</dd><dt>direction</dt><dd>").append(esc(d.direction())).append("</dd><dt>incident</dt><dd>");
        if (a.incidentId() != 0) {
            b.append("<a href=\"/incidents/").append(a.incidentId()).append("\">").append(a.incidentId()).append("</a>");
        } else {
            b.append("none");
        }
        b.append("</dd></dl>");
        b.append("<h2>Rule</h2>");
        RuleLibrary.RuleText rule = console.rules.find(a.sid());
        if (rule != null) {
            b.append("<pre class=\"rule\" id=\"rule-text\">").append(esc(rule.text())).append("</pre><p class=\"small\">")
                    .append(esc(rule.file())).append(':').append(rule.line()).append("</p>");
        } else {
            b.append("<p id=\"rule-text\">").append(console.rules.dirs().isEmpty() ? "no --rules-dir given: rule text unavailable"
                    : "sid " + a.sid() + " is not in the rule files under " + esc(console.rules.describe())).append("</p>");
        }
        boolean off = console.disableConf.isDisabled(a.sid());
        String csrf = Html.csrfField(Req.csrf(ctx));
        String back = "<input type=\"hidden\" name=\"back\" value=\"" + esc(here(ctx)) + "\">";
        b.append("<div class=\"actions\"><p>Rule ").append(a.sid()).append(" is <strong id=\"rule-state\">").append(off ? "off" : "on")
                .append("</strong> in ").append(esc(console.disableConf.file())).append("</p>");
        b.append("<form method=\"post\" action=\"/rules/").append(a.sid()).append(off ? "/on" : "/off").append("\">").append(csrf).append(back)
                .append("<button type=\"submit\" id=\"rule-toggle\">").append(off ? "Turn rule on" : "Turn rule off").append("</button></form>");
        if (!a.masked()) {
            b.append("<form method=\"post\" action=\"/masks\">").append(csrf).append(back)
                    .append("<input type=\"hidden\" name=\"kind\" value=\"sid\"><input type=\"hidden\" name=\"sid\" value=\"").append(a.sid())
                    .append("\"><button type=\"submit\" id=\"mask-sid\">Mask rule ").append(a.sid()).append("</button></form>");
            b.append("<form method=\"post\" action=\"/masks\">").append(csrf).append(back)
                    .append("<input type=\"hidden\" name=\"kind\" value=\"sid-host\"><input type=\"hidden\" name=\"sid\" value=\"").append(a.sid())
                    .append("\"><input type=\"hidden\" name=\"host\" value=\"").append(esc(a.src()))
                    .append("\"><button type=\"submit\" id=\"mask-sid-host\">Mask rule for ").append(esc(a.src())).append("</button></form>");
        }
        b.append("</div>");
        b.append("<h2>Payload</h2>");
        if (d.payloadLength() == 0) {
            b.append("<p id=\"payload\">no payload excerpt in the journal record</p>");
        } else {
            b.append("<div class=\"payload\" id=\"payload\"><pre class=\"hex\">").append(esc(d.payloadHex())).append("</pre><pre class=\"text\">")
                    .append(esc(d.payloadText())).append("</pre></div><p class=\"small\">first ").append(d.payloadLength()).append(" bytes</p>");
        }
        if (!d.eve().isEmpty()) {
            b.append("<h2>EVE</h2><pre class=\"eve\">").append(esc(d.eve())).append("</pre>");
        }
        send(ctx, "Alert " + id, "alerts", b.toString());
    }

    // ---- masks, rules

    private void masks(Context ctx) {
        StringBuilder b = new StringBuilder("<h1>Masks</h1>").append(noticeOf(ctx));
        b.append("<p>Masked alerts are still journaled, flagged, and score nothing. The masks file a sensor loads: ")
                .append(esc(console.masks.file())).append("</p>");
        String csrf = Html.csrfField(Req.csrf(ctx));
        b.append("<table id=\"masks\"><thead><tr><th>#</th><th>mask</th><th></th></tr></thead><tbody>");
        List<MaskSet.Mask> all = console.masks.list();
        for (int i = 0; i < all.size(); i++) {
            b.append("<tr><td>").append(i).append("</td><td>").append(esc(MaskFile.format(all.get(i)))).append("</td><td>")
                    .append("<form method=\"post\" action=\"/masks/").append(i).append("/delete\" class=\"inline\">").append(csrf)
                    .append("<button type=\"submit\" class=\"unmask\">unmask</button></form></td></tr>");
        }
        b.append("</tbody></table>");
        b.append("<h2>Add a mask</h2><form method=\"post\" action=\"/masks\" class=\"box\">").append(csrf)
                .append("<input type=\"hidden\" name=\"back\" value=\"/masks\">")
                .append("<label>Kind <select name=\"kind\"><option value=\"sid\">rule (sid)</option><option value=\"sid-host\">rule + host</option>")
                .append("<option value=\"incident\">incident</option></select></label><label>sid <input name=\"sid\"></label>")
                .append("<label>host <input name=\"host\"></label><label>incident <input name=\"incident\"></label>")
                .append("<button type=\"submit\">Mask</button></form>");
        send(ctx, "Masks", "masks", b.toString());
    }

    private void rules(Context ctx) throws IOException {
        StringBuilder b = new StringBuilder("<h1>Rules</h1>").append(noticeOf(ctx));
        b.append("<p>Rules turned off in <code>").append(esc(console.disableConf.file())).append("</code> (rule management's disable.conf, ")
                .append("read by <code>rampart rules update --disable-conf</code>). After a change the console asks the sensor at ")
                .append(esc(console.sensor.base())).append(" to reload.</p>");
        String csrf = Html.csrfField(Req.csrf(ctx));
        b.append("<table id=\"disabled-rules\"><thead><tr><th>sid</th><th>msg</th><th></th></tr></thead><tbody>");
        for (long sid : console.disableConf.disabledSids()) {
            String msg = console.index.message(sid);
            b.append("<tr data-sid=\"").append(sid).append("\"><td>").append(sid).append("</td><td>").append(esc(msg == null ? "" : msg))
                    .append("</td><td><form method=\"post\" action=\"/rules/").append(sid).append("/on\" class=\"inline\">").append(csrf)
                    .append("<input type=\"hidden\" name=\"back\" value=\"/rules\"><button type=\"submit\">turn on</button></form></td></tr>");
        }
        b.append("</tbody></table>");
        List<String> other = console.disableConf.otherSelectors();
        if (!other.isEmpty()) {
            b.append("<p>Other selectors in the file (they may turn off more rules): <code>").append(esc(String.join("  ", other))).append("</code></p>");
        }
        b.append("<h2>Turn a rule off</h2><form method=\"post\" action=\"/rules/off\" class=\"box\" id=\"rule-off-form\">").append(csrf)
                .append("<input type=\"hidden\" name=\"back\" value=\"/rules\"><label>sid <input name=\"sid\" id=\"rule-off-sid\"></label>")
                .append("<button type=\"submit\">Turn off</button></form>");
        send(ctx, "Rules", "rules", b.toString());
    }

    // ---- block

    private void blockList(Context ctx) throws IOException {
        StringBuilder b = new StringBuilder("<h1>Block policies</h1>").append(noticeOf(ctx));
        b.append("<p>nftables policies generated for incidents. Generating applies nothing; applying needs your confirmation and a ")
                .append("console running as root (nft needs CAP_NET_ADMIN).</p>");
        b.append("<table id=\"policies\"><thead><tr><th>policy</th><th>incident</th><th>table</th><th>state</th></tr></thead><tbody>");
        for (BlockService.Policy p : console.block.list()) {
            b.append("<tr><td><a href=\"/block/").append(esc(p.id())).append("\">").append(esc(p.id())).append("</a></td><td>")
                    .append("<a href=\"/incidents/").append(p.incidentId()).append("\">").append(p.incidentId()).append("</a></td><td>")
                    .append(esc(p.table())).append("</td><td>").append(p.applied() ? "applied" : "not applied").append("</td></tr>");
        }
        b.append("</tbody></table>");
        send(ctx, "Block", "block", b.toString());
    }

    private void blockPolicy(Context ctx) throws IOException {
        BlockService.Policy p = console.block.find(ctx.pathParam("id"));
        if (p == null) {
            throw new Halt(404, "no policy " + ctx.pathParam("id"));
        }
        String csrf = Html.csrfField(Req.csrf(ctx));
        StringBuilder b = new StringBuilder("<h1>Block policy ").append(esc(p.id())).append("</h1>").append(noticeOf(ctx));
        b.append("<p>State: <strong id=\"policy-state\">").append(p.applied() ? "applied" : "not applied").append("</strong>; last result: ")
                .append(esc(p.lastResult())).append("</p>");
        b.append("<pre class=\"policy\" id=\"policy-script\">").append(esc(p.script())).append("</pre>");
        b.append("<form method=\"post\" action=\"/block/").append(esc(p.id())).append("/apply\" class=\"box\">").append(csrf)
                .append("<label><input type=\"checkbox\" name=\"confirm\" value=\"yes\" id=\"confirm\"> I have read this policy and want ")
                .append("to apply it now with nft</label><button type=\"submit\" id=\"apply\">Apply</button></form>");
        b.append("<form method=\"post\" action=\"/block/").append(esc(p.id())).append("/remove\">").append(csrf)
                .append("<button type=\"submit\" id=\"remove\">Remove").append(p.applied() ? " (deletes the table)" : "").append("</button></form>");
        send(ctx, "Block policy", "block", b.toString());
    }

    // ---- hosts and settings

    private void hosts(Context ctx) {
        console.index.refresh();
        String csrf = Html.csrfField(Req.csrf(ctx));
        StringBuilder b = new StringBuilder("<h1>Hosts</h1>").append(noticeOf(ctx));
        b.append("<p class=\"note\">").append(esc(HostSettings.SENSOR_SUPPORT)).append("</p>");
        b.append("<form method=\"post\" action=\"/hosts/active\">").append(csrf);
        b.append("<table id=\"hosts\"><thead><tr><th><input type=\"checkbox\" id=\"select-all\" title=\"all\"></th><th>host</th>")
                .append("<th>analysis</th><th>sensor</th><th>alerts</th><th></th></tr></thead><tbody>");
        for (Map<String, Object> h : server.hosts()) {
            String host = (String) h.get("host");
            b.append("<tr><td><input type=\"checkbox\" name=\"host\" value=\"").append(esc(host)).append("\" class=\"host-select\"></td><td>")
                    .append(esc(host)).append("</td><td>").append(Boolean.TRUE.equals(h.get("active")) ? "active" : "inactive").append("</td><td>")
                    .append(Boolean.TRUE.equals(h.get("reachable")) ? "running: " : "").append(esc(h.get("status"))).append("</td><td>")
                    .append(h.containsKey("alerts") ? h.get("alerts") + " alerts, " + h.get("incidents") + " incidents" : "").append("</td><td>")
                    .append("<a href=\"/hosts/").append(esc(Html.url(host))).append("/settings\">settings</a></td></tr>");
        }
        b.append("</tbody></table><button type=\"submit\" name=\"active\" value=\"on\">Activate analysis</button> ")
                .append("<button type=\"submit\" name=\"active\" value=\"off\">Deactivate analysis</button></form>");
        send(ctx, "Hosts", "hosts", b.toString());
    }

    private void settings(Context ctx, HostSettings shown, List<String> problems) {
        String host = ctx.pathParam("host");
        HostSettings s = shown != null ? shown : console.settings.get(host);
        if (s == null) {
            s = HostSettings.defaults(host);
        }
        StringBuilder b = new StringBuilder("<h1>Traffic analysis settings: ").append(esc(host)).append("</h1>").append(noticeOf(ctx));
        b.append("<p class=\"note\" id=\"not-supported\">").append(esc(HostSettings.SENSOR_SUPPORT)).append("</p>");
        if (problems != null) {
            b.append("<ul class=\"error\" id=\"problems\">");
            for (String p : problems) {
                b.append("<li>").append(esc(p)).append("</li>");
            }
            b.append("</ul>");
        }
        b.append("<form method=\"post\" action=\"/hosts/").append(esc(Html.url(host))).append("/settings\" class=\"box\">")
                .append(Html.csrfField(Req.csrf(ctx)));
        b.append("<label>Traffic <select name=\"mode\" id=\"mode\">");
        String[][] modes = {{HostSettings.ALL, "all traffic"}, {HostSettings.ONLY_LISTED, "only the listed processes"},
                {HostSettings.ALL_BUT_LISTED, "all but the listed processes"}};
        for (String[] m : modes) {
            b.append("<option value=\"").append(m[0]).append('"').append(m[0].equals(s.mode()) ? " selected" : "").append('>')
                    .append(m[1]).append("</option>");
        }
        b.append("</select></label><label>Processes (one a line) <textarea name=\"processes\" id=\"processes\" rows=\"4\">")
                .append(esc(String.join("\n", s.processes() == null ? List.of() : s.processes()))).append("</textarea></label>");
        b.append("<label><input type=\"checkbox\" name=\"https\" value=\"on\" id=\"https\"").append(s.httpsInspection() ? " checked" : "")
                .append("> HTTPS inspection</label>");
        for (String[] dir : new String[][] {{"inbound", "Rule profile, incoming", s.inboundProfile()}, {"outbound", "Rule profile, outgoing", s.outboundProfile()}}) {
            b.append("<label>").append(dir[1]).append(" <select name=\"").append(dir[0]).append("\" id=\"").append(dir[0]).append("\">");
            for (String p : HostSettings.PROFILES) {
                b.append("<option").append(p.equals(dir[2]) ? " selected" : "").append('>').append(p).append("</option>");
            }
            b.append("</select></label>");
        }
        b.append("<button type=\"submit\" id=\"save-settings\">Save</button></form>");
        send(ctx, "Settings " + host, "hosts", b.toString());
    }

    private void audit(Context ctx) {
        console.index.refresh();
        StringBuilder b = new StringBuilder("<h1>Audit trail</h1><p>Operator actions as journaled (newest first).</p>");
        b.append("<table id=\"audit\"><thead><tr><th>time</th><th>operator</th><th>action</th><th>target</th><th>detail</th></tr></thead><tbody>");
        for (Views.ActionRow a : console.index.actions(500)) {
            b.append("<tr><td>").append(esc(a.time())).append("</td><td>").append(esc(a.actor())).append("</td><td>").append(esc(a.action()))
                    .append("</td><td>").append(esc(a.target())).append("</td><td>").append(esc(a.detail())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        send(ctx, "Audit", "audit", b.toString());
    }
}
