package dev.memos.identity;

import dev.memos.crash.CrashWorkload;
import java.nio.file.Files;
import java.nio.file.Path;

/** Identity store: suspend/resume saves (two-copy atomic save); the identity always loads and unlocks to the same key. */
public final class IdentityCrashWorkload implements CrashWorkload {
    private static final String NAME = "crash";

    private static MociId id(Path home) throws Exception {
        return MociId.parse(Files.readString(home.resolve("crash-id")).strip());
    }

    @Override
    public void setUp(Path home) throws Exception {
        IdentityInfo created = TestStores.store(home).create(NAME, Tier.DEVICE, TestStores.SECRETS);
        Files.writeString(home.resolve("crash-id"), created.id().toString());
        Files.write(home.resolve("crash-key"), created.publicKey());
    }

    @Override
    public void writeLoop(Path home, Acks acks) throws Exception {
        IdentityStore store = TestStores.store(home);
        MociId id = id(home);
        for (long n = 0; ; n++) {
            if (store.require(id).state() == IdentityState.ACTIVE) {
                store.suspend(id);
            } else {
                store.resume(id);
            }
            acks.ack(n);
        }
    }

    @Override
    public void check(Path home, long lastAck) throws Exception {
        IdentityStore s = TestStores.store(home);
        MociId id = id(home);
        IdentityInfo loaded = s.require(id);
        if (loaded.state() != IdentityState.ACTIVE && loaded.state() != IdentityState.SUSPENDED) {
            throw new AssertionError("state " + loaded.state());
        }
        try (UnlockedIdentity u = s.unlock(id, TestStores.SECRETS)) {
            if (!java.util.Arrays.equals(Files.readAllBytes(home.resolve("crash-key")), u.signer().publicKey())) {
                throw new AssertionError("the identity unlocks to a different key");
            }
        }
    }
}
