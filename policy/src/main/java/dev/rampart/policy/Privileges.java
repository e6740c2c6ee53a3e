package dev.rampart.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process may change the firewall: its effective uid, as Linux reports it. */
public final class Privileges {
    private Privileges() {
    }

    /** True when the effective uid is 0 (the second number of /proc/self/status's Uid line). */
    public static boolean effectiveUidIsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return f.length >= 2 && f[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted: fall through
        }
        return false;
    }
}
