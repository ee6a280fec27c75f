package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Arweave commands through the packaged jar against arlocal: outputs, files and exit codes. */
@org.junit.jupiter.api.Tag("arlocal")
class ArweaveCommandsIT {
    @TempDir
    Path dir;

    /**
     * A fresh key per test: a new home continues the chain of its key found on the node, so a key
     * shared between tests (or runs on one devnet) would not start at sequence 1.
     */
    final String key = java.util.HexFormat.of().formatHex(freshKey());

    static byte[] freshKey() {
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        k[0] = 0x33;
        return k;
    }

    MemosProcess memos() throws Exception {
        MemosProcess m = new MemosProcess(dir.resolve("home"), key);
        m.useDevnet();
        return m;
    }

    static JsonNode json(MemosProcess.Run r) throws Exception {
        return Json.mapper().readTree(r.out()).path("result");
    }

    @Test
    void init_wallet_generate_address_balance_and_price() throws Exception {
        MemosProcess m = memos();
        MemosProcess.Run init = m.run("--json", "init", "--wallet-generate");
        assertEquals(0, init.exit(), init.err());
        Path wallet = dir.resolve("home/wallet.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wallet)));
        String address = json(init).path("wallet_address").asText();
        assertEquals(address, m.run("wallet", "address", "--wallet", wallet.toString()).out().strip());
        MemosProcess.Run bal = m.run("--json", "wallet", "balance", "--wallet", wallet.toString());
        assertEquals(0, bal.exit(), bal.err());
        assertEquals("0", json(bal).path("winston").asText());
        MemosProcess.Run price = m.run("--json", "price", "--bytes", "1048576");
        assertEquals(0, price.exit(), price.err());
        assertTrue(json(price).path("winston").asText().matches("\\d+"));
        MemosProcess.Run again = m.run("wallet", "generate", "--out", wallet.toString());
        assertEquals(2, again.exit(), "an existing wallet is never overwritten");
        MemosProcess.Run noWallet = m.run("wallet", "address");
        assertEquals(2, noWallet.exit());
    }

    @Test
    void pack_then_upload_records_tx_id_and_download_verifies() throws Exception {
        MemosProcess m = memos();
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("a.md"), "alpha");
        Path bundle = dir.resolve("m.bundle");
        Path manifest = dir.resolve("m.manifest.json");
        assertEquals(0, m.run("pack", "--input", tree.toString(), "--out", bundle.toString(), "--manifest", manifest.toString()).exit());
        MemosProcess.Run dry = m.run("upload", "--bundle", bundle.toString(), "--manifest", manifest.toString(), "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("nothing uploaded"));
        MemosProcess.Run up = m.run("--json", "upload", "--bundle", bundle.toString(), "--manifest", manifest.toString());
        assertEquals(0, up.exit(), up.err());
        String id = json(up).path("tx_id").asText();
        assertEquals(id, Json.mapper().readTree(Files.readAllBytes(manifest)).path("tx_id").asText());
        Path out = dir.resolve("dl.bundle");
        MemosProcess.Run dl = m.run("download", "--tx-id", id, "--out", out.toString(), "--manifest", manifest.toString());
        assertEquals(0, dl.exit(), dl.err());
        assertEquals(Files.size(bundle), Files.size(out));
        assertTrue(m.run("download", "--tx-id", id, "--status-only").out().startsWith("Confirmed"));
        MemosProcess.Run unverified = m.run("download", "--tx-id", id, "--out", dir.resolve("x").toString());
        assertEquals(2, unverified.exit(), "a download without an expected hash is refused");
        assertEquals(2, m.run("upload", "--bundle", bundle.toString(), "--manifest", manifest.toString(), "--turbo").exit());
    }

    @Test
    void x402_authorize_prints_header_and_refuses_over_cap_with_exit_6() throws Exception {
        MemosProcess m = memos();
        Path req = dir.resolve("402.json");
        Files.writeString(req, """
                {"x402Version":1,"error":"X-PAYMENT header is required","accepts":[{"scheme":"exact","network":"base-sepolia",
                "maxAmountRequired":"20000","resource":"https://example.test/x","description":"d","mimeType":"application/json",
                "payTo":"0x209693Bc6afc0C5328bA36FaF03C514EF312287C","maxTimeoutSeconds":60,
                "asset":"0x036CbD53842c5426634e7929541eC2318f3dCF7e","extra":{"name":"USDC","version":"2"}}]}""");
        MemosProcess.Run ok = m.run("--json", "x402", "authorize", "--requirements", req.toString(), "--max-usdc", "0.05",
                "--network", "base-sepolia");
        assertEquals(0, ok.exit(), ok.err());
        assertFalse(json(ok).path("value").asText().isEmpty());
        assertEquals("0.02", json(ok).path("amount_usdc").asText());
        MemosProcess.Run over = m.run("x402", "authorize", "--requirements", req.toString(), "--max-usdc", "0.01",
                "--network", "base-sepolia");
        assertEquals(6, over.exit());
        MemosProcess.Run wrongNet = m.run("x402", "authorize", "--requirements", req.toString(), "--max-usdc", "1");
        assertEquals(6, wrongNet.exit(), "default network is base; the request is for base-sepolia");
    }

    @Test
    void status_reports_node_and_last_backup() throws Exception {
        MemosProcess m = memos();
        Path tree = dir.resolve("t");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("f"), "x");
        assertEquals(0, m.run("backup", "--format", "bundle", "--input", tree.toString()).exit());
        MemosProcess.Run st = m.run("--json", "status");
        assertEquals(0, st.exit(), st.err());
        JsonNode s = json(st);
        assertTrue(s.path("node_reachable").asBoolean());
        assertEquals(1, s.path("last_backup").path("sequence").asInt());
        assertTrue(Files.readString(dir.resolve("home/completion/txids")).contains(s.path("last_backup").path("tx_id").asText()));
    }
}
