package dev.rampart.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.console.journal.AlertFilter;
import dev.rampart.console.security.SessionStore;
import io.javalin.http.Context;

/** Request helpers shared by the pages and the API. */
public final class Req {
    public static final ObjectMapper JSON = new ObjectMapper();
    static final String SESSION = "rampart.session";

    private Req() {
    }

    public static SessionStore.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    public static String user(Context ctx) {
        SessionStore.Session s = session(ctx);
        return s == null ? null : s.user;
    }

    public static String csrf(Context ctx) {
        SessionStore.Session s = session(ctx);
        return s == null ? "" : s.csrf;
    }

    public static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: " + v);
        }
    }

    public static long longPath(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: " + ctx.pathParam(name));
        }
    }

    public static long longForm(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + ": missing");
        }
        return parseLong(name, v);
    }

    /** An optional number parameter's value: 0 when blank or absent. */
    public static long longOrZero(String name, String v) {
        return v == null || v.isBlank() ? 0 : parseLong(name, v);
    }

    private static long parseLong(String name, String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: " + v);
        }
    }

    public static AlertFilter filter(Context ctx) {
        return AlertFilter.parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("sid"),
                ctx.queryParam("host"), ctx.queryParam("severity"), ctx.queryParam("hideMasked"));
    }

    public static boolean desc(Context ctx) {
        String o = ctx.queryParam("order");
        return o == null || o.isBlank() || o.equals("desc");
    }

    public static void json(Context ctx, Object value) throws Exception {
        ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(value));
    }

    public static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }
}
