package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following handovers in a repository (FORMAT.md §14.12): forged ones stop the reader, misaddressed ones are passed over. */
class KeyRingTest {
    @TempDir
    Path dir;
    private final EthPrivateKey oldKey = SnapFixtures.key();
    private final EthPrivateKey newKey = SnapFixtures.other();
    private final EthPrivateKey third = EthPrivateKey.parse(KeyHandoverTest.THIRD_HEX);
    private final List<String> warnings = new ArrayList<>();

    private void put(LocalRepository repo, KeyHandover.Encoded e) {
        repo.putHandover(e.id(), "unused-by-folders", e.bytes());
    }

    @Test
    void ring_holds_the_old_key_up_to_the_handed_over_head() {
        LocalRepository repo = LocalRepository.open(dir, true);
        put(repo, KeyHandover.write(oldKey, newKey, KeyHandoverVectorTest.HEAD, KeyHandoverVectorTest.CREATED));
        try (SnapshotKeys own = SnapshotKeys.derive(newKey); KeyRing ring = KeyRing.open(repo, own, warnings)) {
            assertEquals(2, ring.members().size());
            assertEquals(oldKey.address().checksummed(), ring.members().get(1).keys().address());
            assertEquals(7, ring.members().get(1).lastSequence());
            assertEquals(KeyHandoverVectorTest.HEAD, ring.handedOverHead().orElseThrow());
        }
    }

    @Test
    void a_handover_in_the_repository_not_signed_by_the_old_key_stops_the_new_key_with_integrity() {
        LocalRepository repo = LocalRepository.open(dir, true);
        try (SnapshotKeys own = SnapshotKeys.derive(newKey)) {
            // someone holding the new key claims the old key's history: the old signature is theirs
            put(repo, KeyHandover.seal(KeyHandover.body(oldKey, own, KeyHandoverVectorTest.HEAD, KeyHandoverVectorTest.CREATED,
                    KeyHandoverVectorTest.nonce()), EthSigner.of(third), EthSigner.of(newKey), own, null));
            MemosException x = assertThrows(MemosException.class, () -> KeyRing.open(repo, own, warnings));
            assertEquals(ErrorKind.INTEGRITY, x.kind());
        }
    }

    @Test
    void a_handover_to_another_address_and_one_sealed_for_another_key_leave_the_ring_alone() {
        LocalRepository repo = LocalRepository.open(dir, true);
        try (SnapshotKeys own = SnapshotKeys.derive(newKey); SnapshotKeys elsewhere = SnapshotKeys.derive(third)) {
            put(repo, KeyHandover.seal(KeyHandover.body(oldKey, elsewhere, KeyHandoverVectorTest.HEAD, KeyHandoverVectorTest.CREATED,
                    KeyHandoverVectorTest.nonce()), EthSigner.of(oldKey), EthSigner.of(third), own, null));
            put(repo, KeyHandover.write(oldKey, third, KeyHandoverVectorTest.HEAD, KeyHandoverVectorTest.CREATED));
            try (KeyRing ring = KeyRing.open(repo, own, warnings)) {
                assertEquals(1, ring.members().size());
                assertTrue(ring.handedOverHead().isEmpty());
            }
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("not to the key in use"));
        }
    }
}
