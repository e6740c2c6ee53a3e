package dev.rampart.console.web;

/** Building pages: escaping (every value that reaches HTML goes through {@link #esc}) and the layout. */
public final class Html {
    private Html() {
    }

    public static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A query-string value. */
    public static String url(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The page frame: title, navigation (when logged in), the CSRF token for scripts, the body. */
    public static String page(String title, String user, String csrf, String active, String body) {
        StringBuilder b = new StringBuilder(body.length() + 2048);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (csrf != null) {
            b.append("<meta name=\"csrf-token\" content=\"").append(esc(csrf)).append("\">");
        }
        b.append("<title>").append(esc(title)).append(" · Rampart console</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">")
                .append("<script src=\"/static/console.js\" defer></script></head><body>");
        b.append("<header><span class=\"brand\">Rampart</span>");
        if (user != null) {
            b.append("<nav>");
            String[][] items = {{"incidents", "/incidents", "Incidents"}, {"alerts", "/alerts", "Alerts"},
                    {"masks", "/masks", "Masks"}, {"rules", "/rules", "Rules"}, {"block", "/block", "Block"},
                    {"hosts", "/hosts", "Hosts"}, {"audit", "/audit", "Audit"}};
            for (String[] it : items) {
                b.append("<a href=\"").append(it[1]).append('"').append(it[0].equals(active) ? " class=\"active\"" : "")
                        .append(" id=\"nav-").append(it[0]).append("\">").append(it[2]).append("</a>");
            }
            b.append("</nav><form method=\"post\" action=\"/logout\" class=\"logout\">").append(csrfField(csrf))
                    .append("<span>").append(esc(user)).append("</span> <button type=\"submit\" id=\"logout\">Log out</button></form>");
        }
        b.append("</header><main>").append(body).append("</main></body></html>\n");
        return b.toString();
    }

    public static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(csrf) + "\">";
    }

    public static String notice(String cls, String text) {
        return text == null || text.isEmpty() ? "" : "<p class=\"" + cls + "\" id=\"notice\">" + esc(text) + "</p>";
    }
}
