package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.identity.IdValidation;
import dev.memos.identity.MociId;

/** MOCI IDs arrive in commands, tokens and exports: parse and validate must agree and never crash. */
class MociIdFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void moci_ids_parse_and_validate_consistently(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        IdValidation v = IdValidation.check(text);
        MociId id = null;
        try {
            id = MociId.parse(text);
        } catch (IllegalArgumentException rejected) {
            // the documented type (callers check IdValidation first and answer USAGE); fine, as long as validation agrees (below)
        }
        if (v.valid() != (id != null)) {
            throw new AssertionError("IdValidation.check says " + v.valid() + " but MociId.parse "
                    + (id == null ? "rejects" : "accepts") + " '" + text + "'");
        }
        if (id != null && !MociId.parse(id.toString()).equals(id)) {
            throw new AssertionError("a parsed id does not round-trip: " + text);
        }
    }
}
