package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryFilterTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "unlock 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
        "unlock 4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
        "export ETH_PRIVATE_KEY=abc",
        "id generate --passphrase hunter2",
        "config set x password=hunter2",
        "legal winner thank year wave sausage worth useful legal winner thank yellow",
        "token verify cit1.eyJhdWQiOiJza2lsbDp3ZWF0aGVyIn0.c2lnbmF0dXJl --skill skill:weather",
        "token verify \"cit1.eyJhdWQiOiJza2lsbDp3ZWF0aGVyIn0.c2lnbmF0dXJl\"",
        "http get --header 'Authorization: Bearer abc.def'",
        "x402 settle --header X-PAYMENT:eyJ4NDAy"})
    void keeps_secret_looking_lines_out(String line) {
        assertFalse(HistoryFilter.mayRemember(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup --input memory/", "restore --tx-id bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_U --out m",
        "help exit-codes", "verify-bundle b.enc", "config get profile", "token issue --skill skill:weather --ttl 60",
        "help token verify"})
    void remembers_ordinary_lines(String line) {
        assertTrue(HistoryFilter.mayRemember(line));
    }
}
