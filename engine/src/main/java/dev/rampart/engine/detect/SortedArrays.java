package dev.rampart.engine.detect;

import java.util.Arrays;

/** Sorted, repeat-free copies of number arrays, as the plan's lookup tables are built from them. */
final class SortedArrays {
    private SortedArrays() {
    }

    /** The distinct values of {@code a[0, n)} in ascending order (sorts that part of {@code a} in place). */
    static long[] distinct(long[] a, int n) {
        Arrays.sort(a, 0, n);
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (w == 0 || a[i] != a[w - 1]) {
                a[w++] = a[i];
            }
        }
        return Arrays.copyOf(a, w);
    }

    /** {@code a} sorted with repeats dropped, in place (a shorter copy when there were repeats). */
    static int[] distinct(int[] a) {
        Arrays.sort(a);
        int w = 0;
        for (int i = 0; i < a.length; i++) {
            if (w == 0 || a[i] != a[w - 1]) {
                a[w++] = a[i];
            }
        }
        return w == a.length ? a : Arrays.copyOf(a, w);
    }
}
