package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.identity.KeyEvent;
import dev.memos.identity.KeyEventLog;
import dev.memos.encoding.Json;
import java.util.Arrays;
import java.util.List;

/**
 * Key events come with identity files, exports and proofs from other hands (FORMAT.md §13.6): the parser
 * and the log checks must fail only with MemosException, and an accepted event must re-encode to exactly
 * the bytes read.
 */
class KeyEventFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void key_events_parse_strictly_or_fail_cleanly(FuzzedDataProvider data) {
        boolean asLog = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzz.cleanly(() -> {
            if (asLog) {
                com.fasterxml.jackson.databind.JsonNode tree;
                try {
                    tree = Json.mapper().readTree(bytes);
                } catch (java.io.IOException notJson) {
                    return; // the JSON layer refuses it before any key-event rule runs
                }
                KeyEventLog.fromJson(tree);
                return;
            }
            KeyEvent e = KeyEvent.parse(bytes);
            if (!Arrays.equals(e.toBytes(), bytes)) {
                throw new AssertionError("accepted an event that is not its own canonical encoding");
            }
            KeyEventLog.verify(List.of(e));
        });
    }
}
