package dev.rampart.capture.file;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Unmaps a {@link java.nio.MappedByteBuffer} now instead of when the GC collects it, through
 * {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}, open to the class path
 * without {@code --add-opens}). Without it a reader's old windows stay mapped, and their touched
 * pages resident, until a collection: a scan's RSS grows with the file.
 *
 * <p>The caller must make sure nothing reads the buffer, or any view of it, afterwards: an access
 * to an unmapped address is a SIGSEGV that kills the JVM, not an exception.
 */
final class Unmapper {
    /** {@code theUnsafe.invokeCleaner(ByteBuffer)}, or null where this JVM lacks it. */
    private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

    private Unmapper() {
    }

    /** True when {@link #unmap} releases mappings (otherwise they wait for the GC). */
    static boolean available() {
        return INVOKE_CLEANER != null;
    }

    /**
     * Unmaps {@code mapped} (a buffer returned by {@code FileChannel.map}, not a slice or
     * duplicate). Returns false when it could not (no {@code invokeCleaner}): the GC will.
     */
    static boolean unmap(ByteBuffer mapped) {
        if (INVOKE_CLEANER == null) {
            return false;
        }
        try {
            INVOKE_CLEANER.invokeExact(mapped);
            return true;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle invokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
