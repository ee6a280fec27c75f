package dev.memos.arweave.turbo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.arweave.Tag;
import dev.memos.arweave.UploadReceipt;
import dev.memos.arweave.x402.X402Network;
import dev.memos.arweave.x402.X402Payer;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurboClientStubTest {
    static final EthSigner KEY = EthSigner.of(EthPrivateKey.parse("44".repeat(32)));

    @TempDir
    Path dir;
    TurboStub stub;
    Path data;

    @BeforeEach
    void start() throws Exception {
        stub = new TurboStub();
        data = dir.resolve("data");
        Files.write(data, new byte[50_000]);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    TurboClient client(String token) {
        return TurboClient.builder().upload(stub.uri()).payment(stub.uri()).token(token)
                .chunking(1_000_000, 300_000).polling(Duration.ofMillis(10), 50).build();
    }

    UploadReceipt upload(String token, X402Payer payer) {
        return new TurboUploader(client(token), KEY, payer, dir).upload(data, List.of(new Tag("App-Name", "MEMOS")));
    }

    X402Payer payer(String cap) {
        return new X402Payer(KEY, X402Network.BASE_SEPOLIA, X402Payer.usdcToAtomic(cap), Clock.systemUTC());
    }

    @Test
    void stub_upload_with_credits_returns_checked_receipt() {
        UploadReceipt r = upload("ethereum", null);
        assertEquals(1, stub.received.size());
        assertEquals(stub.received.get(0).id(), r.id());
        assertEquals("turbo", r.via());
    }

    @Test
    void credits_upload_reports_the_winc_turbo_charged_as_its_cost() {
        UploadReceipt r = upload("ethereum", null);
        assertEquals(new java.math.BigInteger("4200"), r.cost().winston());
        assertEquals("0.0000000042 AR (4200 winston)", r.cost().describe());
    }

    @Test
    void x402_upload_reports_the_usdc_it_authorized_as_its_cost() {
        stub.mode = TurboStub.Mode.X402;
        UploadReceipt r = upload("base-usdc", payer("0.01"));
        assertEquals(java.util.Map.of("estimated_cost_usdc", dev.memos.arweave.x402.X402Payer.atomicToUsdc(r.cost().usdcAtomic())),
                r.cost().fields());
        assertTrue(r.cost().usdcAtomic().signum() > 0 && r.cost().winston() == null, r.cost().toString());
    }

    @Test
    void an_item_turbo_already_had_reports_no_cost() {
        stub.mode = TurboStub.Mode.ALREADY;
        assertEquals("unknown", upload("ethereum", null).cost().describe());
    }

    @Test
    void stub_large_item_uses_chunked_api() throws Exception {
        Files.write(data, new byte[2_500_000]);
        UploadReceipt r = upload("ethereum", null);
        assertEquals(stub.received.get(0).id(), r.id());
        assertEquals(2_500_000, r.bytes());
    }

    @Test
    void stub_insufficient_balance_is_payment_error() {
        stub.mode = TurboStub.Mode.INSUFFICIENT;
        MemosException e = assertThrows(MemosException.class, () -> upload("ethereum", null));
        assertEquals(ErrorKind.PAYMENT, e.kind());
        assertTrue(e.getMessage().contains("insufficient Turbo credits"));
    }

    @Test
    void stub_already_uploaded_is_reported_not_hidden() {
        stub.mode = TurboStub.Mode.ALREADY;
        UploadReceipt r = upload("ethereum", null);
        assertTrue(r.detail().contains("already uploaded"));
    }

    @Test
    void stub_rejects_receipt_for_another_item() {
        stub.mode = TurboStub.Mode.WRONG_RECEIPT_ID;
        assertEquals(ErrorKind.INTEGRITY, assertThrows(MemosException.class, () -> upload("ethereum", null)).kind());
    }

    @Test
    void stub_x402_pays_and_reports_settlement() {
        stub.mode = TurboStub.Mode.X402;
        UploadReceipt r = upload("base-usdc", payer("0.01"));
        assertEquals(1, stub.paymentHeaders.size());
        assertEquals(stub.received.get(0).id(), r.id());
        assertTrue(r.detail().contains("0x" + "ab".repeat(32)));
    }

    @Test
    void stub_x402_payment_is_reported_once_with_its_settlement() {
        stub.mode = TurboStub.Mode.X402;
        List<X402Payer.Payment> paid = new java.util.ArrayList<>();
        X402Payer p = new X402Payer(KEY, X402Network.BASE_SEPOLIA, X402Payer.usdcToAtomic("0.01"), Clock.systemUTC(), paid::add);
        upload("base-usdc", p);
        assertEquals(1, paid.size());
        assertEquals("base-sepolia", paid.get(0).network());
        assertEquals("0x" + "ab".repeat(32), paid.get(0).settlement());
        assertEquals("0x209693Bc6afc0C5328bA36FaF03C514EF312287C", paid.get(0).payTo());
    }

    @Test
    void stub_x402_refused_payment_reports_nothing() {
        stub.mode = TurboStub.Mode.X402_OVER_CAP;
        List<X402Payer.Payment> paid = new java.util.ArrayList<>();
        X402Payer p = new X402Payer(KEY, X402Network.BASE_SEPOLIA, X402Payer.usdcToAtomic("1"), Clock.systemUTC(), paid::add);
        assertThrows(MemosException.class, () -> upload("base-usdc", p));
        assertTrue(paid.isEmpty(), "nothing signed, nothing paid");
    }

    @Test
    void stub_x402_over_cap_exits_payment_with_nothing_signed() {
        stub.mode = TurboStub.Mode.X402_OVER_CAP;
        MemosException e = assertThrows(MemosException.class, () -> upload("base-usdc", payer("1")));
        assertEquals(ErrorKind.PAYMENT, e.kind());
        assertTrue(stub.paymentHeaders.isEmpty());
    }

    @Test
    void stub_x402_wrong_network_is_refused() {
        stub.mode = TurboStub.Mode.X402_WRONG_NETWORK;
        assertEquals(ErrorKind.PAYMENT, assertThrows(MemosException.class, () -> upload("base-usdc", payer("1"))).kind());
        assertTrue(stub.paymentHeaders.isEmpty());
    }

    @Test
    void stub_x402_malformed_402_is_refused() {
        stub.mode = TurboStub.Mode.X402_MALFORMED;
        assertEquals(ErrorKind.PAYMENT, assertThrows(MemosException.class, () -> upload("base-usdc", payer("1"))).kind());
        assertTrue(stub.paymentHeaders.isEmpty());
    }

    @Test
    void stub_balance_and_price() {
        TurboClient c = client("ethereum");
        assertEquals(BigInteger.valueOf(123456), c.balance(KEY.address().lowercase()));
        assertEquals(BigInteger.valueOf(5000), c.price(5));
        assertEquals("5 bytes, Turbo price 5000 winc, credits 123456 winc", new TurboUploader(c, KEY, null, dir).describeCost(5));
    }

    @Test
    void unreachable_turbo_is_network_error() {
        TurboClient c = TurboClient.builder().upload(java.net.URI.create("http://127.0.0.1:1")).payment(stub.uri()).build();
        assertEquals(ErrorKind.NETWORK, assertThrows(MemosException.class,
                () -> new TurboUploader(c, KEY, null, dir).upload(data, List.of())).kind());
    }
}
