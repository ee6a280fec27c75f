package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.memos.backup.BundleKeys;
import dev.memos.encoding.Hex;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 17 §1: the snapshot root key is the original MemOS's K (lower-case address in the info). */
class SnapshotKeysTest {
    @Test
    void root_key_equals_the_original_memos_key_for_the_test_key() {
        try (SnapshotKeys k = SnapFixtures.keys()) {
            assertEquals("3074572cc3f801f4a6f980c27ea0d44570ad2bf56d71ed629e852a5368cc26e8", Hex.encode(k.rootKey().reveal()));
            assertEquals("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", k.address());
        }
    }

    @Test
    void version_1_bundles_keep_their_checksummed_address_derivation() {
        try (BundleKeys b = BundleKeys.derive(SnapFixtures.key()); SnapshotKeys s = SnapFixtures.keys()) {
            assertEquals("68c0ec677ff1f6ae94741d413c4a1a0e2080da8ceab0485ecd04929bd41ee2be", Hex.encode(b.encryptionKey().reveal()));
            assertNotEquals(Hex.encode(b.encryptionKey().reveal()), Hex.encode(s.rootKey().reveal()));
        }
    }

    @Test
    void every_label_gives_a_distinct_key_and_none_is_the_root() {
        try (SnapshotKeys k = SnapFixtures.keys()) {
            Set<String> seen = new HashSet<>();
            for (var s : List.of(k.rootKey(), k.chunkIdKey(), k.gearSeed(), k.packKey(), k.snapshotMacKey(), k.snapshotEncKey())) {
                assertEquals(32, s.length());
                seen.add(Hex.encode(s.reveal()));
            }
            assertEquals(6, seen.size());
        }
    }

    @Test
    void another_key_gives_another_gear_table() {
        try (SnapshotKeys a = SnapFixtures.keys(); SnapshotKeys b = SnapshotKeys.derive(SnapFixtures.other())) {
            long[] ga = a.gearTable();
            long[] gb = b.gearTable();
            assertFalse(java.util.Arrays.equals(ga, gb));
            assertEquals(256, new HashSet<>(java.util.Arrays.stream(ga).boxed().toList()).size(), "gear values are distinct");
        }
    }

    @Test
    void keys_never_print_their_bytes() {
        try (SnapshotKeys k = SnapFixtures.keys()) {
            String hex = Hex.encode(k.rootKey().reveal());
            assertFalse(k.toString().contains(hex.substring(0, 16)));
        }
    }
}
