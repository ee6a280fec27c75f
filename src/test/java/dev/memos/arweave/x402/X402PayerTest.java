package dev.memos.arweave.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.EthAddress;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.EthVerifier;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class X402PayerTest {
    static final JsonNode V = load();
    static final EthSigner KEY = EthSigner.of(EthPrivateKey.parse("aa".repeat(31) + "01"));
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

    static JsonNode load() {
        try (var in = X402PayerTest.class.getResourceAsStream("/vectors/arweave/eip712-transfer-with-authorization.json")) {
            return Json.mapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A signer that counts uses, to prove refusals sign nothing. */
    static final class CountingSigner implements EthSigner {
        final AtomicInteger uses = new AtomicInteger();

        @Override
        public EthAddress address() {
            return KEY.address();
        }

        @Override
        public byte[] publicKey() {
            return KEY.publicKey();
        }

        @Override
        public byte[] signPersonalMessage(byte[] message) {
            uses.incrementAndGet();
            return KEY.signPersonalMessage(message);
        }

        @Override
        public byte[] signDigest(byte[] digest32) {
            uses.incrementAndGet();
            return KEY.signDigest(digest32);
        }
    }

    static String body402(String network, String asset, String amount) {
        return """
                {"x402Version":1,"error":"X-PAYMENT header is required","accepts":[{"scheme":"exact","network":"%s",\
                "maxAmountRequired":"%s","resource":"https://upload.ardrive.io/v1/tx/base-usdc","description":"upload",\
                "mimeType":"application/json","payTo":"0x209693Bc6afc0C5328bA36FaF03C514EF312287C","maxTimeoutSeconds":300,\
                "asset":"%s","extra":{"name":"USDC","version":"2"}}]}""".formatted(network, amount, asset);
    }

    @Test
    void eip712_digest_and_signature_match_ethers() {
        for (JsonNode c : V.get("cases")) {
            JsonNode d = c.get("domain");
            JsonNode m = c.get("message");
            byte[] sep = TransferAuthorization.domainSeparator(d.get("name").asText(), d.get("version").asText(),
                    d.get("chainId").asLong(), EthAddress.parse(d.get("verifyingContract").asText()));
            assertEquals(c.get("domain_separator").asText(), "0x" + Hex.encode(sep));
            TransferAuthorization a = new TransferAuthorization(EthAddress.parse(m.get("from").asText()),
                    EthAddress.parse(m.get("to").asText()), new BigInteger(m.get("value").asText()),
                    m.get("validAfter").asLong(), m.get("validBefore").asLong(), Hex.decode(m.get("nonce").asText()));
            assertEquals(c.get("struct_hash").asText(), "0x" + Hex.encode(a.structHash()));
            assertEquals(c.get("digest").asText(), "0x" + Hex.encode(a.digest(sep)));
            assertEquals(c.get("signature").asText(), "0x" + Hex.encode(KEY.signDigest(a.digest(sep))));
        }
    }

    @Test
    void pays_within_cap_with_a_header_that_recovers_to_the_payer() throws Exception {
        X402Payer payer = new X402Payer(KEY, X402Network.BASE_SEPOLIA, X402Payer.usdcToAtomic("0.5"), CLOCK);
        String header = payer.pay(body402("base-sepolia", X402Network.BASE_SEPOLIA.usdc().checksummed(), "10000")
                .getBytes(StandardCharsets.UTF_8));
        JsonNode h = Json.mapper().readTree(Base64.getDecoder().decode(header));
        assertEquals(1, h.get("x402Version").asInt());
        assertEquals("exact", h.get("scheme").asText());
        assertEquals("base-sepolia", h.get("network").asText());
        JsonNode a = h.get("payload").get("authorization");
        assertEquals("10000", a.get("value").asText());
        assertEquals(Long.toString(1_800_000_000L - 600), a.get("validAfter").asText());
        assertEquals(Long.toString(1_800_000_000L + 300), a.get("validBefore").asText());
        assertEquals(66, a.get("nonce").asText().length());
        TransferAuthorization t = new TransferAuthorization(EthAddress.parse(a.get("from").asText()),
                EthAddress.parse(a.get("to").asText()), new BigInteger(a.get("value").asText()), a.get("validAfter").asLong(),
                a.get("validBefore").asLong(), Hex.decode(a.get("nonce").asText()));
        byte[] digest = t.digest(TransferAuthorization.domainSeparator("USDC", "2", 84532, X402Network.BASE_SEPOLIA.usdc()));
        assertEquals(KEY.address(), EthVerifier.recover(digest, Hex.decode(h.get("payload").get("signature").asText())));
    }

    @Test
    void rejects_amount_over_cap_without_signing() {
        CountingSigner s = new CountingSigner();
        X402Payer payer = new X402Payer(s, X402Network.BASE, X402Payer.usdcToAtomic("0.01"), CLOCK);
        MemosException e = assertThrows(MemosException.class,
                () -> payer.pay(body402("base", X402Network.BASE.usdc().checksummed(), "10001").getBytes(StandardCharsets.UTF_8)));
        assertEquals(ErrorKind.PAYMENT, e.kind());
        assertTrue(e.getMessage().contains("above the cap"));
        assertEquals(0, s.uses.get());
    }

    @Test
    void rejects_wrong_network_without_signing() {
        CountingSigner s = new CountingSigner();
        X402Payer payer = new X402Payer(s, X402Network.BASE_SEPOLIA, X402Payer.usdcToAtomic("5"), CLOCK);
        MemosException e = assertThrows(MemosException.class,
                () -> payer.pay(body402("base", X402Network.BASE.usdc().checksummed(), "1").getBytes(StandardCharsets.UTF_8)));
        assertEquals(ErrorKind.PAYMENT, e.kind());
        assertEquals(0, s.uses.get());
    }

    @Test
    void rejects_foreign_asset_on_right_network() {
        CountingSigner s = new CountingSigner();
        X402Payer payer = new X402Payer(s, X402Network.BASE, X402Payer.usdcToAtomic("5"), CLOCK);
        assertThrows(MemosException.class, () -> payer.pay(
                body402("base", "0x0000000000000000000000000000000000000001", "1").getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, s.uses.get());
    }

    @Test
    void rejects_malformed_402_bodies_without_signing() {
        CountingSigner s = new CountingSigner();
        X402Payer payer = new X402Payer(s, X402Network.BASE, X402Payer.usdcToAtomic("5"), CLOCK);
        for (String body : new String[] {"not json", "{}", "{\"x402Version\":2,\"accepts\":[]}", "{\"x402Version\":1,\"accepts\":[]}",
                "{\"x402Version\":1,\"accepts\":[{\"scheme\":\"exact\",\"network\":\"base\"}]}",
                body402("base", X402Network.BASE.usdc().checksummed(), "-5"),
                body402("base", X402Network.BASE.usdc().checksummed(), "1.5"),
                "{\"x402Version\":1,\"accepts\":[{\"scheme\":\"upto\"}]}"}) {
            MemosException e = assertThrows(MemosException.class, () -> payer.pay(body.getBytes(StandardCharsets.UTF_8)), body);
            assertEquals(ErrorKind.PAYMENT, e.kind());
        }
        assertEquals(0, s.uses.get());
    }

    @Test
    void usdc_amounts_convert_exactly() {
        assertEquals(BigInteger.valueOf(250_000), X402Payer.usdcToAtomic("0.25"));
        assertEquals("0.25", X402Payer.atomicToUsdc(BigInteger.valueOf(250_000)));
        assertThrows(MemosException.class, () -> X402Payer.usdcToAtomic("0.0000001"));
        assertThrows(MemosException.class, () -> X402Payer.usdcToAtomic("-1"));
    }
}
