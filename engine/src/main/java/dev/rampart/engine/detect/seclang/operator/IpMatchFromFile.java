package dev.rampart.engine.detect.seclang.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code @ipMatchFromFile} ({@code @ipMatchF}): {@code @ipMatch} with one address or network per
 * line of a file (relative to the rule file's directory); blank lines and {@code #} comments are
 * skipped.
 */
public final class IpMatchFromFile {
    private IpMatchFromFile() {
    }

    public static Operator compile(String argument, Path dataDir) throws OperatorException {
        String name = argument == null ? "" : argument.trim();
        if (name.isEmpty()) {
            throw new OperatorException("Missing parameter for operator 'ipMatchFromFile'.");
        }
        if (name.startsWith("http://") || name.startsWith("https://")) {
            throw new OperatorException("@ipMatchFromFile: downloading " + name + " is not supported");
        }
        Path file = dataDir == null ? Path.of(name) : dataDir.resolve(name);
        String content;
        try {
            content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            throw new OperatorException("Could not open ipmatch file \"" + file + "\": " + e);
        }
        IpSet set = new IpSet();
        for (String line : content.split("\n", -1)) {
            String entry = line.strip();
            if (!entry.isEmpty() && entry.charAt(0) != '#') {
                set.add(entry);
            }
        }
        return new IpMatch(set);
    }
}
