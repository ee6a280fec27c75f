package dev.memos.crash;

import java.nio.file.Path;

/**
 * One store's write path, as the crash harness drives it. An implementation is a public class with a
 * public no-argument constructor: the parent calls {@link #setUp} and {@link #check}, a child JVM
 * calls {@link #writeLoop} until it is SIGKILLed.
 */
public interface CrashWorkload {
    /** Parent, once: creates the store under {@code dir}. */
    void setUp(Path dir) throws Exception;

    /**
     * Child: writes forever. After each write the store has acknowledged (returned from), calls
     * {@code acks.ack(n)} with a growing number, so the parent knows what must survive the kill.
     */
    void writeLoop(Path dir, Acks acks) throws Exception;

    /**
     * Parent, after every kill: the store opens, verifies, and holds every acknowledged write
     * ({@code lastAck} is -1 if none was acknowledged). Throws AssertionError (or any exception) if not.
     * May also write to the store, as the next session would.
     */
    void check(Path dir, long lastAck) throws Exception;

    @FunctionalInterface
    interface Acks {
        void ack(long n);
    }
}
