package dev.memos.token;

import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Signer;
import dev.memos.error.MemosException;
import dev.memos.ring.FileRollbackCounter;
import dev.memos.ring.RingKeys;
import dev.memos.ring.RingStore;
import dev.memos.ring.SignedHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

/**
 * The trust score and quarantine flag of one identity, read from its memory rings. The ring keys
 * derive from the device key alone (FORMAT.md §10), so reading needs no unlock; the store is opened
 * read-only with the home's rollback counter, so a deleted or rolled-back ring file is an integrity
 * error here too (an identity cannot shed a quarantine or a bad history by removing its rings).
 */
public final class RingTrust {
    /** What an identity with no memory chain yet carries: the lowest score ("New"), not quarantined. */
    public static final Standing NO_CHAIN = new Standing(10, false);

    /** Score 10..100 and whether an unresolved fork quarantines the identity. */
    public record Standing(int trustScore, boolean quarantined) {
    }

    /** Reads the standing of {@code id} from {@code ringsDir}. */
    @FunctionalInterface
    public interface Reader {
        Standing read(String id, Path ringsDir);
    }

    private RingTrust() {
    }

    /** Signs a fresh v2 head of {@code id}'s chain with its identity key (a token embeds it, FORMAT.md §11.2). */
    @FunctionalInterface
    public interface HeadSigner {
        SignedHead sign(String id, Path ringsDir, Signer identityKey);
    }

    /** The reader the CLI uses: rings of {@code home}, keys from its device key. */
    public static Reader of(Path home, DeviceKey device, Clock clock) {
        return (id, ringsDir) -> {
            if (!hasChain(home, id, ringsDir)) {
                return NO_CHAIN;
            }
            return read(home, device, clock, id, ringsDir, s -> new Standing(s.trust().score(), s.quarantined()));
        };
    }

    /** The head signer the CLI uses; an identity with no memory chain has no head to embed. */
    public static HeadSigner heads(Path home, DeviceKey device, Clock clock) {
        return (id, ringsDir, key) -> {
            if (!hasChain(home, id, ringsDir)) {
                throw MemosException.usage(id + " has no memory chain yet, so there is no chain head to embed: add a memory first");
            }
            return read(home, device, clock, id, ringsDir, s -> SignedHead.fresh(s, key));
        };
    }

    private static boolean hasChain(Path home, String id, Path ringsDir) {
        return Files.exists(ringsDir.resolve(RingStore.FILE)) || Files.exists(FileRollbackCounter.defaultPath(home, id));
    }

    private static <T> T read(Path home, DeviceKey device, Clock clock, String id, Path ringsDir, Function<RingStore, T> what) {
        try (RingKeys keys = RingKeys.derive(device, id)) {
            RingStore s = RingStore.builder().dir(ringsDir).id(id).keys(keys).clock(clock)
                    .counter(new FileRollbackCounter(FileRollbackCounter.defaultPath(home, id), id, keys)).open();
            return what.apply(s);
        }
    }
}
