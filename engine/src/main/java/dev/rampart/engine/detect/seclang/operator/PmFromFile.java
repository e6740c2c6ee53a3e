package dev.rampart.engine.detect.seclang.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @pmFromFile} ({@code @pmf}): {@code @pm} over phrases read from white-space separated
 * files, relative names resolved against the rule file's directory. One phrase per line after the
 * phrase content syntax and trimming; blank lines and lines starting with {@code #} are skipped.
 * ModSecurity's URL downloads are not supported.
 */
public final class PmFromFile {
    private PmFromFile() {
    }

    public static Operator compile(String argument, Path dataDir) throws OperatorException {
        if (argument == null || argument.isBlank()) {
            throw new OperatorException("Missing parameter for operator 'pmFromFile'.");
        }
        List<String> phrases = new ArrayList<>();
        for (String name : argument.trim().split("[ \t\n\u000b\f\r]+")) {
            if (name.startsWith("http://") || name.startsWith("https://")) {
                throw new OperatorException("@pmFromFile: downloading phrases from " + name + " is not supported");
            }
            Path file = dataDir == null ? Path.of(name) : dataDir.resolve(name);
            String content;
            try {
                content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException | RuntimeException e) {
                throw new OperatorException("Could not open phrase file \"" + file + "\": " + e);
            }
            for (String line : content.split("\n", -1)) {
                phrases.addAll(phrase(line));
            }
        }
        return new Pm(phrases);
    }

    private static List<String> phrase(String line) {
        String parsed = PmContent.parse(line);
        String s = parsed != null ? parsed : line;
        int start = 0;
        int end = s.length();
        while (start < end && CNumber.isCSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && CNumber.isCSpace(s.charAt(end - 1))) {
            end--;
        }
        int nul = s.indexOf(0, start); // the C string stops at a NUL
        if (nul >= 0 && nul < end) {
            end = nul;
        }
        if (start == end || s.charAt(start) == '#') {
            return List.of();
        }
        return List.of(s.substring(start, end));
    }
}
