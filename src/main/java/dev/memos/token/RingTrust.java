package dev.memos.token;

import dev.memos.crypto.DeviceKey;
import dev.memos.ring.FileRollbackCounter;
import dev.memos.ring.RingKeys;
import dev.memos.ring.RingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

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

    /** The reader the CLI uses: rings of {@code home}, keys from its device key. */
    public static Reader of(Path home, DeviceKey device, Clock clock) {
        return (id, ringsDir) -> {
            Path counter = FileRollbackCounter.defaultPath(home, id);
            if (!Files.exists(ringsDir.resolve(RingStore.FILE)) && !Files.exists(counter)) {
                return NO_CHAIN;
            }
            try (RingKeys keys = RingKeys.derive(device, id)) {
                RingStore s = RingStore.builder().dir(ringsDir).id(id).keys(keys).clock(clock)
                        .counter(new FileRollbackCounter(counter, id, keys)).open();
                return new Standing(s.trust().score(), s.quarantined());
            }
        };
    }
}
