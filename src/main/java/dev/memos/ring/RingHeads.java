package dev.memos.ring;

import dev.memos.crypto.DeviceKey;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an identity's memory chain stands, read without unlocking it: the rings file's generation
 * and ring-3 chain head, checked with the device keys. A restore compares this with what a snapshot
 * carries to tell "this home is behind" (restore) from "this home has moved on" (refuse).
 */
public final class RingHeads {
    /**
     * One identity's chain position. {@code generation} is the rings file's, or the rollback counter's when
     * that is higher (a home whose rings were lost still remembers how far they got); -1: nothing known.
     */
    public record Head(long generation, long index, String hash, boolean damaged) {
        public String describe() {
            if (damaged) {
                return "damaged rings (counter at generation " + generation + ")";
            }
            return generation < 0 ? "no memory chain" : "generation " + generation + ", step " + index + " " + (hash == null ? "-" : hash.substring(0, 16));
        }

        /** Same chain position (a damaged or missing side is never the same). */
        public boolean sameAs(Head o) {
            return !damaged && !o.damaged && generation == o.generation && java.util.Objects.equals(hash, o.hash);
        }
    }

    private RingHeads() {
    }

    /** The chain position of {@code id} in {@code home} (identity folder {@code identityDir}). */
    public static Head read(Path home, Path identityDir, String id, DeviceKey device) {
        try (RingKeys keys = RingKeys.derive(device, id)) {
            long counter;
            try {
                counter = new FileRollbackCounter(FileRollbackCounter.defaultPath(home, id), id, keys).current();
            } catch (MemosException e) {
                counter = -1;
            }
            Path file = identityDir.resolve("rings").resolve(RingStore.FILE);
            try {
                StoreState s = StoreState.decode(Files.readAllBytes(file), id, keys);
                if (counter > s.generation) {
                    return new Head(counter, s.chain.lastIndex(), Hex.encode(s.chain.headHash()), true);
                }
                return new Head(s.generation, s.chain.lastIndex(), Hex.encode(s.chain.headHash()), false);
            } catch (NoSuchFileException e) {
                return new Head(counter, -1, null, counter >= 0);
            } catch (IOException | MemosException e) {
                return new Head(counter, -1, null, true);
            }
        }
    }

    /** The head from a rings file given as bytes (an archive's copy), checked with the same device keys. */
    public static Optional<Head> of(byte[] ringsFile, String id, DeviceKey device) {
        try (RingKeys keys = RingKeys.derive(device, id)) {
            StoreState s = StoreState.decode(ringsFile, id, keys);
            return Optional.of(new Head(s.generation, s.chain.lastIndex(), Hex.encode(s.chain.headHash()), false));
        } catch (MemosException e) {
            return Optional.empty();
        }
    }
}
