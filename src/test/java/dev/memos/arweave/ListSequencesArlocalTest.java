package dev.memos.arweave;

import dev.memos.app.backup.BundleBackups;
import dev.memos.app.backup.BundleRestores;
import dev.memos.app.backup.BackupState;
import dev.memos.app.backup.BackupTags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.arweave.fault.FaultProxy;
import dev.memos.backup.BundlePacker;
import dev.memos.backup.RollbackIndex;
import dev.memos.config.MemosHome;
import dev.memos.config.Profile;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * list from a home that did not make the backups: sequences come from the sealed manifests on the
 * node (arlocal ignores Range, so this is the streaming fallback), are cached, and whatever would
 * not restore under the key is "unverified" without a sequence.
 */
@org.junit.jupiter.api.Tag("arlocal")
class ListSequencesArlocalTest {
    @TempDir
    Path dir;
    EthPrivateKey key;
    Path tree;
    FaultProxy proxy;

    @BeforeEach
    void setUp() throws Exception {
        key = Devnet.freshKey(0x24);
        tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "one");
        proxy = new FaultProxy(Devnet.url());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    /** The devnet, with gateway traffic (GraphQL, data) through the counting proxy. */
    Network network() {
        Profile p = Profile.local(Devnet.url());
        return new Network(new Profile(p.name(), p.node(), List.of(proxy.uri()), p.turboUpload(), p.turboPayment(), true), Retry.DEFAULT);
    }

    MemosHome home(String name) {
        return MemosHome.at(dir.resolve(name)).ensure();
    }

    Uploader uploader(MemosHome home) {
        return new DevnetBundleUploader(Devnet.gateway(), EthSigner.of(key),
                DevnetBundleUploader.devnetWallet(dir.resolve("devnet-wallet.json")), Retry.DEFAULT, new BackupState(home).workDir());
    }

    List<BundleRestores.Entry> list(MemosHome home) {
        return BundleRestores.builder().home(home).key(key).network(network()).owners(List.of(JwkWallet.addressOf(key.publicKey())))
                .txIdsFile(home.resolve("txids")).build().list();
    }

    static Map<String, BundleRestores.Entry> byId(List<BundleRestores.Entry> entries) {
        return entries.stream().collect(Collectors.toMap(BundleRestores.Entry::txId, Function.identity()));
    }

    @Test
    void fresh_home_learns_sequences_from_the_manifests_and_the_next_list_is_free() throws Exception {
        MemosHome a = home("home-a");
        BundleBackups backup = BundleBackups.builder().home(a).key(key).uploader(uploader(a)).downloader(network().downloader())
                .clock(Clock.systemUTC()).txIdsFile(a.resolve("txids")).build();
        String first = backup.backup(tree, false, false).txId();
        Files.writeString(tree.resolve("a.txt"), "two");
        String second = backup.backup(tree, false, false).txId();
        MemosHome b = home("home-b");
        Map<String, BundleRestores.Entry> rows = byId(list(b));
        assertEquals(2, rows.size());
        assertEquals(1L, rows.get(first).sequence());
        assertEquals(2L, rows.get(second).sequence());
        assertEquals("verified", rows.get(first).verification());
        assertTrue(Files.exists(b.resolve("arweave/sequences.json")));
        int before = proxy.requests.get();
        Map<String, BundleRestores.Entry> again = byId(list(b));
        assertEquals(2L, again.get(second).sequence());
        assertEquals(1, proxy.requests.get() - before, "only the GraphQL query: sequences come from the cache");
    }

    @Test
    void tampered_tail_and_foreign_key_are_unverified_and_never_get_a_sequence() throws Exception {
        MemosHome a = home("home-a");
        Path bundle = dir.resolve("mine.bundle");
        BundlePacker.builder().key(key).rollbackIndex(RollbackIndex.at(dir.resolve("idx.json"))).build().pack(tree, bundle);
        List<Tag> tags = List.of(new Tag("App-Name", BackupTags.APP_NAME), new Tag("App-Version", BackupTags.FORMAT_VERSION), new Tag("Unix-Time", "1800000000"));
        String good = uploader(a).upload(bundle, tags).id();
        byte[] b = Files.readAllBytes(bundle);
        b[b.length - 3] ^= 1;
        Path tampered = dir.resolve("tampered.bundle");
        Files.write(tampered, b);
        String bad = uploader(a).upload(tampered, tags).id();
        Path foreign = dir.resolve("foreign.bundle");
        BundlePacker.builder().key(EthPrivateKey.parse("98".repeat(32))).rollbackIndex(RollbackIndex.at(dir.resolve("other.json")))
                .build().pack(tree, foreign);
        String other = uploader(a).upload(foreign, tags).id();
        MemosHome fresh = home("home-c");
        Map<String, BundleRestores.Entry> rows = byId(list(fresh));
        assertEquals(1L, rows.get(good).sequence());
        for (String id : List.of(bad, other)) {
            assertNull(rows.get(id).sequence(), id);
            assertEquals("unverified", rows.get(id).verification(), id);
        }
        String cache = Files.readString(fresh.resolve("arweave/sequences.json"));
        assertTrue(cache.contains(good));
        assertFalse(cache.contains(bad) || cache.contains(other), "only what verified is remembered");
    }
}
