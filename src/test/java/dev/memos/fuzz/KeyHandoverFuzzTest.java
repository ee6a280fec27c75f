package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Hex;
import dev.memos.snapshot.KeyHandover;
import dev.memos.snapshot.SnapshotKeys;

/**
 * Key handovers (FORMAT.md §14.12) are read from a repository or the network, where anyone may have
 * put bytes under the new key's tag: the file reader and the record parser must fail only with a
 * one-line MemosException, whatever they are given. The seed input is the frozen vector's record
 * (new key = the vector's), so the fuzzer starts from a record that passes every rule.
 */
class KeyHandoverFuzzTest {
    private static final EthPrivateKey NEW_KEY = EthPrivateKey.parse("8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f");

    @FuzzTest(maxDuration = "30s")
    void key_handovers_parse_strictly_or_fail_cleanly(FuzzedDataProvider data) {
        boolean file = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        String id = Hex.encode(Hash.sha256(bytes));
        Fuzz.cleanly(() -> {
            try (SnapshotKeys to = SnapshotKeys.derive(NEW_KEY)) {
                var opened = file ? KeyHandover.open(bytes, id, to, w -> { }) : KeyHandover.parse(bytes, id, to, w -> { });
                opened.ifPresent(KeyHandover.Opened::close);
            }
        });
    }
}
