package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.arweave.Devnet;
import dev.memos.arweave.DevnetBundleUploader;
import dev.memos.arweave.Retry;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.KeyFingerprint;
import dev.memos.encoding.Hex;
import dev.memos.identity.InceptionRecord;
import dev.memos.identity.MociId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source 3 of the known key on the local devnet: the earliest validly signed inception record of an ID
 * (FORMAT.md §13). A fresh home with no identity and no pin finds the key there; decoys lose.
 */
@Tag("arlocal")
class InceptionArlocalTest {
    @TempDir
    Path tmp;

    /** A fresh ETH key for each owner: a home continues whatever chain its key finds on the shared devnet. */
    private static String ethKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        k[0] = 0x1e;
        return "0x" + Hex.encode(k);
    }

    private CliHarness home(String name, String eth) {
        CliHarness h = new CliHarness(tmp.resolve(name));
        if (eth != null) {
            h.with("ETH_PRIVATE_KEY", eth);
        }
        String url = Devnet.url().toString();
        if (!url.equals("http://127.0.0.1:1984")) {
            assertEquals(0, h.run("config", "set", "local.node", url).exit());
        }
        return h;
    }

    /** Publishes {@code bytes} with the inception tags of {@code id}, as anyone can (own ETH key, mined into a block). */
    private String publishRaw(String id, byte[] bytes) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("raw-" + System.nanoTime()));
        Path file = work.resolve("record.json");
        Files.write(file, bytes);
        List<dev.memos.arweave.Tag> tags = new ArrayList<>();
        InceptionRecord.tags(id).forEach((k, v) -> tags.add(new dev.memos.arweave.Tag(k, v)));
        EthPrivateKey eth = Devnet.freshKey(0x1d);
        return new DevnetBundleUploader(Devnet.gateway(), EthSigner.of(eth), DevnetBundleUploader.devnetWallet(work.resolve("w.json")),
                Retry.DEFAULT, work).upload(file, tags).id();
    }

    private static byte[] badSignature(InceptionRecord r) {
        byte[] sig = r.signature();
        sig[5] ^= 1;
        return new InceptionRecord(r.id(), r.algorithm(), r.publicKey(), r.created(), sig).toBytes();
    }

    @Test
    void inception_record_published_by_id_publish_is_found_from_a_fresh_home_and_a_later_decoy_loses() throws Exception {
        CliHarness owner = home("owner", ethKey());
        String id = owner.generate("INCEP");
        CliHarness.Run published = owner.run("--json", "id", "publish");
        assertEquals(0, published.exit(), published.err());
        Path proof = tmp.resolve("proof.json");
        assertEquals(0, owner.run("id", "prove", "--challenge", "c1", "--output", proof.toString()).exit());
        CliHarness verifier = home("verifier", null);
        CliHarness.Run ok = verifier.run("--json", "id", "verify-proof", proof.toString(), "--challenge", "c1");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("inception", ok.result().path("key_source").asText());
        assertTrue(ok.result().path("key_origin").asText().contains(published.result().path("tx_id").asText()), ok.out());
        // A decoy: a validly signed record for the same ID under the forger's key, published later.
        Ed25519 forger = Ed25519.generate();
        publishRaw(id, InceptionRecord.sign(MociId.parse(id), forger, System.currentTimeMillis() / 1000).toBytes());
        CliHarness.Run forged = home("verifier2", null).run("id", "verify-proof",
                Forgeries.proof(tmp, id, forger, "c2").toString(), "--challenge", "c2");
        assertEquals(8, forged.exit(), forged.out() + forged.err());
        assertTrue(forged.err().contains(KeyFingerprint.of(forger.publicKey())), forged.err());
        assertEquals(0, home("verifier3", null).run("id", "verify-proof", proof.toString(), "--challenge", "c1").exit());
    }

    @Test
    void an_earlier_record_with_a_bad_signature_is_skipped_and_the_next_valid_one_wins() throws Exception {
        String id = MociId.generate("INCEP", new SecureRandom()).toString();
        Ed25519 genuine = Ed25519.generate();
        Ed25519 forger = Ed25519.generate();
        long now = System.currentTimeMillis() / 1000;
        // First in the chain: the forger's record, its signature broken (the forger cannot sign for the genuine key either).
        publishRaw(id, badSignature(InceptionRecord.sign(MociId.parse(id), forger, now)));
        String good = publishRaw(id, InceptionRecord.sign(MociId.parse(id), genuine, now).toBytes());
        CliHarness v = home("verifier", null);
        CliHarness.Run ok = v.run("--json", "id", "verify-proof", Forgeries.proof(tmp, id, genuine, "c").toString(), "--challenge", "c");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.result().path("key_origin").asText().contains(good), ok.out());
        CliHarness.Run bad = v.run("id", "verify-proof", Forgeries.proof(tmp, id, forger, "c").toString(), "--challenge", "c");
        assertEquals(8, bad.exit(), bad.out() + bad.err());
        assertFalse(bad.out().contains("authenticated"));
    }

    @Test
    void trust_on_first_use_pins_when_no_record_exists_then_accepts_without_it() throws Exception {
        String id = MociId.generate("TOFU", new SecureRandom()).toString();
        Ed25519 key = Ed25519.generate();
        Path proof = Forgeries.proof(tmp, id, key, "c");
        CliHarness v = home("verifier", null);
        assertEquals(9, v.run("id", "verify-proof", proof.toString(), "--challenge", "c").exit());
        CliHarness.Run tofu = v.run("id", "verify-proof", proof.toString(), "--challenge", "c", "--trust-on-first-use");
        assertEquals(0, tofu.exit(), tofu.err());
        assertTrue(tofu.out().contains("pinned now on first use"), tofu.out());
        assertEquals(0, v.run("id", "verify-proof", proof.toString(), "--challenge", "c").exit());
        assertEquals(8, v.run("id", "verify-proof", Forgeries.proof(tmp, id, Ed25519.generate(), "c").toString(), "--challenge", "c",
                "--trust-on-first-use").exit());
    }

    @Test
    void backup_publishes_the_inception_record_of_the_only_identity_once() throws Exception {
        CliHarness owner = home("owner", ethKey());
        String id = owner.generate("BACKUP");
        Path in = Files.createDirectories(tmp.resolve("memory"));
        Files.writeString(in.resolve("a.txt"), "a memory");
        CliHarness.Run b = owner.run("backup", "--input", in.toString());
        assertEquals(0, b.exit(), b.err());
        assertTrue(b.err().contains("published the inception record of " + id), b.err());
        Files.writeString(in.resolve("b.txt"), "another");
        CliHarness.Run again = owner.run("backup", "--input", in.toString());
        assertEquals(0, again.exit(), again.err());
        assertFalse(again.err().contains("published the inception record"), again.err());
        Path proof = tmp.resolve("p.json");
        assertEquals(0, owner.run("id", "prove", "--challenge", "c", "--output", proof.toString()).exit());
        assertEquals(0, home("verifier", null).run("id", "verify-proof", proof.toString(), "--challenge", "c").exit());
    }
}
