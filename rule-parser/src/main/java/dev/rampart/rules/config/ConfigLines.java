package dev.rampart.rules.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The {@code config <word>: ...} line syntax shared by classification.config and reference.config. */
final class ConfigLines {
    private ConfigLines() {
    }

    /** Receives the text after {@code config <word>:} of one line; reports a bad line through {@code error}. */
    interface Entry {
        void accept(String rest, java.util.function.Consumer<String> error);
    }

    /** The file as UTF-8 text; {@code what} names it in the error. */
    static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file, e);
        }
    }

    /**
     * Each {@code config <word>:} line of {@code text} to {@code entry}, blank and {@code #} lines
     * skipped; any other line, and what {@code entry} reports, goes to {@code errors} as
     * {@code label:line: reason}.
     */
    static void forEach(String label, String text, String word, List<String> errors, Entry entry) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = label + ":" + (i + 1) + ": ";
            String rest = after(line, word);
            if (rest == null) {
                errors.add(where + "not a 'config " + word + ":' line");
                continue;
            }
            entry.accept(rest, reason -> errors.add(where + reason));
        }
    }

    /**
     * The trimmed text after {@code config <word>:}, or null when the line is not one. Case and
     * the spaces around the words and the colon do not matter, as in Suricata.
     */
    static String after(String line, String word) {
        String s = line.trim();
        if (!s.regionMatches(true, 0, "config", 0, 6) || s.length() == 6 || !Character.isWhitespace(s.charAt(6))) {
            return null;
        }
        s = s.substring(6).trim();
        if (!s.regionMatches(true, 0, word, 0, word.length())) {
            return null;
        }
        s = s.substring(word.length()).trim();
        if (s.isEmpty() || s.charAt(0) != ':') {
            return null;
        }
        return s.substring(1).trim();
    }
}
