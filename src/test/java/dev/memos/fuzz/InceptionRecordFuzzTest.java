package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.identity.InceptionRecord;
import dev.memos.identity.InceptionRecords;
import java.util.Arrays;
import java.util.List;

/**
 * Inception records come from anyone who can publish on Arweave (FORMAT.md §13): the parser and the
 * earliest-wins choice must fail only with MemosException, and anything accepted must re-encode to
 * exactly the bytes read (one record, one encoding).
 */
class InceptionRecordFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void inception_records_parse_strictly_or_fail_cleanly(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzz.cleanly(() -> {
            InceptionRecord r = InceptionRecord.parse(bytes);
            if (!Arrays.equals(r.toBytes(), bytes)) {
                throw new AssertionError("accepted a record that is not its own canonical encoding");
            }
            r.signatureValid();
            InceptionRecords.earliest(r.id(), List.of(new InceptionRecords.Candidate("A".repeat(43), 1L)), tx -> bytes);
        });
    }
}
