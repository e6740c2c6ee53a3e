package dev.rampart.console.web;

import dev.rampart.console.journal.Views;
import java.util.List;
import java.util.Locale;

/** Charts as inline SVG drawn from server-aggregated counts (no script, no library). */
public final class Charts {
    private Charts() {
    }

    /** Alerts over time: one bar per bucket. */
    public static String timeline(Views.Stats s) {
        List<Views.Bucket> buckets = s.timeline();
        int w = 720;
        int h = 160;
        int pad = 28;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" id=\"chart-timeline\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" role=\"img\" aria-label=\"alerts over time\">");
        if (buckets.isEmpty()) {
            b.append("<text x=\"10\" y=\"20\">no alerts</text></svg>");
            return b.toString();
        }
        long max = 1;
        for (Views.Bucket k : buckets) {
            max = Math.max(max, k.count());
        }
        double bw = (w - pad - 4) / (double) buckets.size();
        for (int i = 0; i < buckets.size(); i++) {
            Views.Bucket k = buckets.get(i);
            double bh = (h - 2 * pad) * (k.count() / (double) max);
            b.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                    pad + i * bw, h - pad - bh, Math.max(1, bw - 1), bh));
            b.append("<title>").append(Html.esc(k.start())).append(": ").append(k.count()).append("</title></rect>");
        }
        b.append("<text x=\"").append(pad).append("\" y=\"").append(h - 8).append("\">")
                .append(Html.esc(buckets.get(0).start())).append("</text>");
        b.append("<text x=\"").append(w - 4).append("\" y=\"").append(h - 8).append("\" text-anchor=\"end\">")
                .append(Html.esc(buckets.get(buckets.size() - 1).start())).append("</text>");
        b.append("<text x=\"2\" y=\"").append(pad).append("\">").append(max).append("</text>");
        b.append("<text x=\"").append(w / 2).append("\" y=\"14\" text-anchor=\"middle\">alerts per ")
                .append(Html.esc(width(s.bucketNanos()))).append("</text>");
        b.append("</svg>");
        return b.toString();
    }

    /** Horizontal bars for a top-N list. */
    public static String bars(String id, String title, List<Views.Count> counts, String linkParam) {
        int rowH = 22;
        int w = 520;
        int h = 24 + rowH * Math.max(1, counts.size());
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" id=\"").append(id).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\">");
        b.append("<text x=\"4\" y=\"14\">").append(Html.esc(title)).append("</text>");
        long max = 1;
        for (Views.Count c : counts) {
            max = Math.max(max, c.count());
        }
        for (int i = 0; i < counts.size(); i++) {
            Views.Count c = counts.get(i);
            int y = 24 + i * rowH;
            double bw = 200 * (c.count() / (double) max);
            String label = c.key() + (c.label().isEmpty() ? "" : " " + c.label());
            if (label.length() > 48) {
                label = label.substring(0, 47) + "…";
            }
            b.append("<a href=\"?").append(linkParam).append('=').append(Html.esc(Html.url(c.key()))).append("\">");
            b.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"4\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>",
                    y, Math.max(1, bw), rowH - 6));
            b.append("<text x=\"").append(212).append("\" y=\"").append(y + 12).append("\">").append(c.count()).append("  ")
                    .append(Html.esc(label)).append("</text></a>");
        }
        b.append("</svg>");
        return b.toString();
    }

    static String width(long nanos) {
        if (nanos >= 86_400_000_000_000L) {
            return nanos / 86_400_000_000_000L + " d";
        }
        if (nanos >= 3_600_000_000_000L) {
            return nanos / 3_600_000_000_000L + " h";
        }
        if (nanos >= 60_000_000_000L) {
            return nanos / 60_000_000_000L + " min";
        }
        if (nanos >= 1_000_000_000L) {
            return nanos / 1_000_000_000L + " s";
        }
        return nanos / 1_000_000L + " ms";
    }
}
