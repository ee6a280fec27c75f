package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.arweave.DataItemVerifier;
import dev.memos.arweave.L1Transaction;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;

/**
 * Bytes a gateway hands back for an id: ANS-104 data items (signed by an Ethereum key, the only
 * kind memos accepts) and L1 transaction headers. memos writes ANS-104 bundles but never parses
 * one (it fetches items by id), so the data item is the bundle-side parser. Seeds: vectors/arweave.
 */
class ArweaveFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void data_items_verify_or_fail_cleanly(byte[] item) {
        Fuzz.cleanly(() -> DataItemVerifier.verify(item));
    }

    /** The streaming form trusts a length from the gateway (Content-Length): it must not allocate by it. */
    @FuzzTest(maxDuration = "30s")
    void data_item_stream_with_any_declared_length_fails_cleanly(FuzzedDataProvider data) {
        long declared = data.consumeLong();
        byte[] item = data.consumeRemainingAsBytes();
        Fuzz.cleanly(() -> DataItemVerifier.verify(new ByteArrayInputStream(item), declared, (buf, n) -> { }));
    }

    @FuzzTest(maxDuration = "30s")
    void l1_transaction_json_parses_or_fails_cleanly(byte[] json) {
        // documented: IllegalArgumentException ("only format-2", bad field), like the other value parsers
        Fuzz.cleanly(IllegalArgumentException.class, () -> {
            JsonNode n = BundleFuzzTest.parseOrNull(json);
            if (n == null) {
                return; // the gateway client turns unparsable JSON into NETWORK (GatewayResponsesFuzzTest)
            }
            L1Transaction tx = L1Transaction.fromJson(n);
            tx.id();
            tx.verify();
        });
    }
}
