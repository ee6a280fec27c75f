package dev.memos.identity;

import dev.memos.store.HomeLock;
import java.nio.file.Path;

/** Child process of HomeLockIT: holds the identities lock until killed. */
public final class HoldLockMain {
    private HoldLockMain() {
    }

    public static void main(String[] args) throws Exception {
        try (HomeLock lock = HomeLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
