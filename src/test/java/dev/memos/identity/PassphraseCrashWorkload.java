package dev.memos.identity;

import dev.memos.crash.CrashWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code id passphrase} under SIGKILL: the child changes the passphrase back and forth between two
 * values; after every kill the identity must open with one of them (the acknowledged one, or the one
 * being written), to the same key — never with neither.
 */
public final class PassphraseCrashWorkload implements CrashWorkload {
    static final String A = "first passphrase A";
    static final String B = "second passphrase B";

    private static MociId id(Path home) throws Exception {
        return MociId.parse(Files.readString(home.resolve("crash-id")).strip());
    }

    private static SecretSource only(String p) {
        return SecretSource.fixed(Map.of(SecretSource.Kind.IDENTITY_PASSPHRASE, p));
    }

    /** Which of A and B opens the identity now (null: neither). */
    static String current(IdentityStore store, MociId id) {
        for (String p : new String[] {A, B}) {
            try (UnlockedIdentity u = store.unlock(id, only(p))) {
                return p;
            } catch (dev.memos.error.MemosException wrong) {
                // try the other one
            }
        }
        return null;
    }

    @Override
    public void setUp(Path home) throws Exception {
        IdentityInfo created = TestStores.store(home).create("crash", Tier.PASSPHRASE, only(A));
        Files.writeString(home.resolve("crash-id"), created.id().toString());
        Files.write(home.resolve("crash-key"), created.publicKey());
    }

    @Override
    public void writeLoop(Path home, Acks acks) throws Exception {
        IdentityStore store = TestStores.store(home);
        MociId id = id(home);
        String now = current(store, id);
        for (long n = 0; ; n++) {
            String next = A.equals(now) ? B : A;
            store.changePassphrase(id, SecretSource.fixed(Map.of(SecretSource.Kind.IDENTITY_PASSPHRASE, now,
                    SecretSource.Kind.REPLACEMENT_PASSPHRASE, next)));
            now = next;
            acks.ack(n);
        }
    }

    @Override
    public void check(Path home, long lastAck) throws Exception {
        IdentityStore store = TestStores.store(home);
        MociId id = id(home);
        String p = current(store, id);
        if (p == null) {
            throw new AssertionError("neither the old nor the new passphrase opens the identity");
        }
        try (UnlockedIdentity u = store.unlock(id, only(p))) {
            if (!java.util.Arrays.equals(Files.readAllBytes(home.resolve("crash-key")), u.signer().publicKey())) {
                throw new AssertionError("the identity unlocks to a different key");
            }
        }
    }
}
