package dev.memos.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded wait of {@link HomeLock} inside one process (across processes: HomeLockIT). */
class HomeLockTest {
    @TempDir
    Path dir;

    /** Holds {@code lock} on another thread until {@code release} opens; returns once it is held. */
    private Thread holder(Path lock, CountDownLatch release) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (HomeLock ignored = HomeLock.acquire(lock, Duration.ofSeconds(5))) {
                held.countDown();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        assertTrue(held.await(10, TimeUnit.SECONDS));
        return t;
    }

    @Test
    void times_out_with_busy_naming_the_lock_and_the_holding_pid() throws Exception {
        Path lock = dir.resolve(".lock");
        CountDownLatch release = new CountDownLatch(1);
        Thread t = holder(lock, release);
        long start = System.nanoTime();
        MemosException e = assertThrows(MemosException.class, () -> HomeLock.acquire(lock, Duration.ofMillis(300)));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.countDown();
        t.join();
        assertEquals(ErrorKind.BUSY, e.kind());
        assertTrue(e.getMessage().contains(lock.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        assertTrue(waited >= 250, "it waited for the bound before giving up: " + waited + " ms");
    }

    @Test
    void waits_for_the_holder_and_then_gets_the_lock() throws Exception {
        Path lock = dir.resolve(".lock");
        CountDownLatch release = new CountDownLatch(1);
        Thread t = holder(lock, release);
        AtomicLong acquiredAt = new AtomicLong();
        Thread waiter = new Thread(() -> {
            try (HomeLock ignored = HomeLock.acquire(lock, Duration.ofSeconds(10))) {
                acquiredAt.set(System.nanoTime());
            }
        });
        waiter.start();
        Thread.sleep(200);
        long releasedAt = System.nanoTime();
        release.countDown();
        waiter.join(10_000);
        t.join();
        assertTrue(acquiredAt.get() != 0, "the waiter got the lock");
        assertTrue(acquiredAt.get() - releasedAt > 0, "the waiter got it only after the holder let go");
    }

    @Test
    void is_reentrant_for_the_holding_thread_and_released_by_the_outermost_close() throws Exception {
        Path lock = dir.resolve(".lock");
        try (HomeLock outer = HomeLock.reentrant(lock)) {
            try (HomeLock inner = HomeLock.reentrant(lock)) {
                assertTrue(lock.toFile().exists());
            }
            // Still held after the inner close: another thread must not get it.
            Thread other = new Thread(() -> assertThrows(MemosException.class,
                    () -> HomeLock.acquire(lock, Duration.ofMillis(100))));
            AtomicLong failures = new AtomicLong();
            other.setUncaughtExceptionHandler((th, ex) -> failures.incrementAndGet());
            other.start();
            other.join();
            assertEquals(0, failures.get(), "the inner close must not release the outer hold");
        }
        try (HomeLock again = HomeLock.acquire(lock, Duration.ZERO)) {
            assertTrue(lock.toFile().exists(), "released after the outermost close");
        }
    }

    @Test
    void a_plain_second_acquire_on_the_holding_thread_is_refused_at_once() {
        Path lock = dir.resolve(".lock");
        try (HomeLock first = HomeLock.acquire(lock)) {
            long start = System.nanoTime();
            MemosException e = assertThrows(MemosException.class, () -> HomeLock.acquire(lock));
            assertTrue(e.getMessage().contains("already holds the lock " + lock), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "refused without waiting for the bound");
        }
        try (HomeLock again = HomeLock.acquire(lock, Duration.ZERO)) {
            assertTrue(lock.toFile().exists(), "the refused attempt did not leave the lock held");
        }
    }
}
