package dev.memos.app.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --max-spend values: the accepted forms and the garbage that must be refused with exit 2. */
class SpendCapTest {
    @Test
    void accepts_an_amount_with_a_unit_in_either_case_with_or_without_a_space() {
        assertEquals(new BigInteger("50000000000"), SpendCap.parse("0.05AR").winston());
        assertEquals(SpendCap.Unit.USDC, SpendCap.parse(" 2 usdc ").unit());
        assertEquals(BigInteger.ONE, SpendCap.parse("0.000000000001ar").winston());
        assertEquals(BigInteger.ZERO, SpendCap.parse("0AR").winston());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AR", "5", "-1AR", "1e3AR", "1.AR", ".5AR", "1 ETH", "1,5AR", "0x10AR", "1  AR", "0.0000000000001AR",
        "0.0000001USDC", "99999999999999AR", "1AR; rm -rf /", "１AR"})
    void rejects_garbage_as_a_usage_error_naming_the_option(String bad) {
        MemosException e = assertThrows(MemosException.class, () -> SpendCap.parse(bad));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().startsWith("--max-spend "), e.getMessage());
    }
}
