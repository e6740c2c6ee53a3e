package dev.rampart.engine.pipeline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.openhft.affinity.Affinity;

/**
 * Thread pinning through OpenHFT Java-Thread-Affinity (sched_setaffinity via JNA on Linux). A
 * pinning that the platform refuses is reported, never thrown: the thread then runs where the
 * scheduler puts it.
 */
public final class CpuPinning {
    private CpuPinning() {
    }

    /**
     * Parses a CPU list as Suricata's cpu-affinity and taskset write it: {@code 0,1}, {@code 2-5},
     * {@code 0,4-7}. Empty or null: no pinning (an empty array).
     *
     * @throws IllegalArgumentException on anything else
     */
    public static int[] parse(String list) {
        if (list == null || list.isBlank()) {
            return new int[0];
        }
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                if (dash > 0) {
                    int lo = Integer.parseInt(p.substring(0, dash).trim());
                    int hi = Integer.parseInt(p.substring(dash + 1).trim());
                    if (lo < 0 || hi < lo || hi - lo > 4096) {
                        throw new IllegalArgumentException("bad CPU range " + p + " in " + list);
                    }
                    for (int c = lo; c <= hi; c++) {
                        cpus.add(c);
                    }
                } else {
                    int c = Integer.parseInt(p);
                    if (c < 0) {
                        throw new IllegalArgumentException("bad CPU " + p + " in " + list);
                    }
                    cpus.add(c);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad CPU list " + list + ": expected numbers and ranges like 0,2-3");
            }
        }
        return cpus.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Pins the calling thread to {@code cpu}; returns the CPUs the thread may run on afterwards
     * (as the OS reports them), or null when pinning is not available here.
     */
    public static BitSet pinCurrentThread(int cpu) {
        try {
            Affinity.setAffinity(cpu);
            return Affinity.getAffinity();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Lets the calling thread run on {@code cpus} again (a set {@link #currentAffinity()} gave); false when refused. */
    public static boolean setCurrentThread(BitSet cpus) {
        try {
            Affinity.setAffinity(cpus);
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The CPUs the calling thread may run on, or null when the platform does not say. */
    public static BitSet currentAffinity() {
        try {
            return Affinity.getAffinity();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether {@code cpus} (what {@link #pinCurrentThread} returned) is {@code cpu} alone: the pinning took. */
    public static boolean isOnly(BitSet cpus, int cpu) {
        return cpus != null && cpus.cardinality() == 1 && cpus.get(cpu);
    }
}
