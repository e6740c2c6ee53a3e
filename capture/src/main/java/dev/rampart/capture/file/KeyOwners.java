package dev.rampart.capture.file;

import dev.rampart.capture.FrameKey;

/**
 * Key → owner for a balanced {@link FileFanout}: open addressing over two parallel arrays,
 * linear probing, grown to twice its size at half full. {@link FrameKey#NONE} marks an empty slot
 * (it is never a key). Single writer: only the fanout's record walk uses it, one window after
 * another. One entry per address pair of the capture (a 2 GB generator capture: ~12k).
 */
final class KeyOwners {
    private long[] keys;
    private byte[] owners;
    private int size;

    KeyOwners(int capacity) {
        int n = Integer.highestOneBit(Math.max(16, capacity - 1)) << 1;
        keys = new long[n];
        owners = new byte[n];
        java.util.Arrays.fill(keys, FrameKey.NONE);
    }

    /** The owner of {@code key}, or -1 when it has none yet. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return owners[i];
            }
            if (k == FrameKey.NONE) {
                return -1;
            }
        }
    }

    /** Gives {@code key} (not yet here, not {@link FrameKey#NONE}) to {@code owner} (0..127). */
    void put(long key, int owner) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(keys, owners, key, owner);
        size++;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] k2 = new long[keys.length * 2];
        byte[] o2 = new byte[k2.length];
        java.util.Arrays.fill(k2, FrameKey.NONE);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FrameKey.NONE) {
                insert(k2, o2, keys[i], owners[i]);
            }
        }
        keys = k2;
        owners = o2;
    }

    private static void insert(long[] keys, byte[] owners, long key, int owner) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != FrameKey.NONE) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        owners[i] = (byte) owner;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L; // the keys are hashes already; this spreads any that are not
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
