package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.arweave.ArweaveGateway;
import dev.memos.arweave.Devnet;
import dev.memos.arweave.DevnetBundleUploader;
import dev.memos.arweave.JwkWallet;
import dev.memos.arweave.L1Uploader;
import dev.memos.arweave.Retry;
import dev.memos.arweave.Tag;
import dev.memos.arweave.Vectors;
import dev.memos.arweave.fault.FaultProxy;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** download without a hash: checked against the transaction's signed data_root, refused for data items, --unverified is loud. */
@org.junit.jupiter.api.Tag("arlocal")
class DownloadVerifyArlocalTest {
    static final ArweaveGateway NODE = Devnet.gateway();
    static byte[] data;
    static String txId;
    static String itemId;

    @TempDir
    Path dir;
    CliHarness cli;

    @BeforeAll
    static void uploadOnce(@TempDir Path tmp) throws Exception {
        JwkWallet wallet = DevnetBundleUploader.devnetWallet(tmp.resolve("w.json"));
        NODE.mint(wallet.address(), new BigInteger("100000000000000000"));
        data = Vectors.det(400_000, UUID.randomUUID().toString());
        Path f = tmp.resolve("data");
        Files.write(f, data);
        txId = new L1Uploader(NODE, Retry.DEFAULT).upload(wallet, f, List.of(new Tag("App-Name", "MEMOS-DL-TEST"))).id();
        NODE.mine();
        itemId = new DevnetBundleUploader(NODE, EthSigner.of(EthPrivateKey.parse("34".repeat(32))), wallet, Retry.DEFAULT, tmp)
                .upload(f, List.of(new Tag("App-Name", "MEMOS-DL-TEST"))).id();
        // arlocal unpacks a mined bundle in the background: wait (setup only) until it serves the item
        for (int i = 0; i < 120 && NODE.data(itemId).map(DownloadVerifyArlocalTest::drain).isEmpty(); i++) {
            Thread.sleep(500);
        }
    }

    private static boolean drain(java.io.InputStream in) {
        try (in) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @BeforeEach
    void home() {
        cli = new CliHarness(dir.resolve("home"));
        if (!Devnet.url().toString().equals("http://127.0.0.1:1984")) {
            assertEquals(0, cli.run("config", "set", "local.node", Devnet.url().toString()).exit());
        }
    }

    @Test
    void l1_download_without_a_hash_is_verified_against_the_signed_data_root() throws Exception {
        Path out = dir.resolve("out.bin");
        CliHarness.Run r = cli.run("--json", "download", "--tx-id", txId, "--out", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("data_root", r.result().path("verification").asText());
        assertArrayEquals(data, Files.readAllBytes(out));
        CliHarness.Run text = cli.run("download", "--tx-id", txId, "--out", out.toString());
        assertTrue(text.out().contains("verified against the signed data_root"), text.out());
    }

    @Test
    void gateway_serving_other_bytes_exits_4_and_leaves_the_old_file_alone() throws Exception {
        try (FaultProxy proxy = new FaultProxy(Devnet.url())) {
            assertEquals(0, cli.run("config", "set", "gateways", proxy.uri().toString()).exit());
            Path out = dir.resolve("out.bin");
            for (FaultProxy.Fault f : new FaultProxy.Fault[] {FaultProxy.Fault.WRONG_BYTES, FaultProxy.Fault.CORRUPT}) {
                Files.writeString(out, "the previous file");
                proxy.always("^GET /" + txId + "$", f);
                CliHarness.Run r = cli.run("download", "--tx-id", txId, "--out", out.toString());
                assertEquals(4, r.exit(), f + ": " + r.out() + r.err());
                assertTrue(r.err().contains("data_root"), r.err());
                assertEquals("the previous file", Files.readString(out), f.name());
                try (Stream<Path> left = Files.list(dir)) {
                    assertEquals(List.of("home", "out.bin"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                            "no temporary file stays behind");
                }
            }
        }
    }

    @Test
    void data_item_without_a_hash_is_refused_with_exit_2_and_nothing_written() {
        Path out = dir.resolve("item.bin");
        CliHarness.Run r = cli.run("download", "--tx-id", itemId, "--out", out.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--expected-sha256") && r.err().contains("--manifest"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line");
        assertFalse(Files.exists(out));
    }

    @Test
    void unverified_download_warns_loudly_and_says_so_in_text_and_json() throws Exception {
        Path out = dir.resolve("item.bin");
        CliHarness.Run text = cli.run("download", "--tx-id", itemId, "--out", out.toString(), "--unverified");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("UNVERIFIED"), text.out());
        assertTrue(text.err().contains("UNVERIFIED download"), text.err());
        assertArrayEquals(data, Files.readAllBytes(out));
        CliHarness.Run json = cli.run("--json", "download", "--tx-id", itemId, "--out", out.toString(), "--unverified");
        assertEquals(0, json.exit(), json.err());
        assertEquals("unverified", json.result().path("verification").asText());
        assertTrue(json.json().path("warnings").get(0).asText().contains("UNVERIFIED"));
        assertTrue(json.err().contains("UNVERIFIED download"), "stderr carries the warning in --json mode too");
    }

    @Test
    void unverified_cannot_skip_a_check_that_exists() throws Exception {
        Path out = dir.resolve("tx.bin");
        CliHarness.Run r = cli.run("--json", "download", "--tx-id", txId, "--out", out.toString(), "--unverified");
        assertEquals(0, r.exit(), r.err());
        assertEquals("data_root", r.result().path("verification").asText());
        assertFalse(r.err().contains("UNVERIFIED"), r.err());
        try (FaultProxy proxy = new FaultProxy(Devnet.url())) {
            assertEquals(0, cli.run("config", "set", "gateways", proxy.uri().toString()).exit());
            proxy.always("^GET /" + txId + "$", FaultProxy.Fault.WRONG_BYTES);
            Files.writeString(out, "kept");
            assertEquals(4, cli.run("download", "--tx-id", txId, "--out", out.toString(), "--unverified").exit());
            assertEquals("kept", Files.readString(out));
        }
    }

    @Test
    void unverified_cannot_weaken_a_given_hash() {
        CliHarness.Run r = cli.run("download", "--tx-id", txId, "--out", dir.resolve("o").toString(), "--unverified",
                "--expected-sha256", "00".repeat(32));
        assertEquals(2, r.exit());
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
