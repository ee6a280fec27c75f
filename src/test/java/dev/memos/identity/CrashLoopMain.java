package dev.memos.identity;

import java.nio.file.Path;

/** Child process of IdentityCrashIT: saves one identity in a tight loop until it is killed. */
public final class CrashLoopMain {
    private CrashLoopMain() {
    }

    public static void main(String[] args) {
        IdentityStore store = TestStores.store(Path.of(args[0]));
        MociId id = MociId.parse(args[1]);
        boolean announced = false;
        while (true) {
            IdentityInfo i = store.require(id);
            if (i.state() == IdentityState.ACTIVE) {
                store.suspend(id);
            } else {
                store.resume(id);
            }
            if (!announced) {
                System.out.println("ready");
                System.out.flush();
                announced = true;
            }
        }
    }
}
