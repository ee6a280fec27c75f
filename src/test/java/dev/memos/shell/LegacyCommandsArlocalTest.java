package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.app.backup.BackupState;
import dev.memos.arweave.Devnet;
import dev.memos.arweave.DevnetBundleUploader;
import dev.memos.arweave.Retry;
import dev.memos.arweave.Uploader;
import dev.memos.backup.legacy.LegacyKeys;
import dev.memos.backup.legacy.LegacyUploads;
import dev.memos.backup.legacy.LegacyWriter;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original MemOS's backups through the real commands on the devnet: restore --latest takes the
 * newest of all three kinds (issue 17 leftover 3), and migrate --from-legacy stores them on Arweave
 * continuing the sequence, resumes after the steps already stored and stores nothing the second time.
 */
@org.junit.jupiter.api.Tag("arlocal")
class LegacyCommandsArlocalTest {
    @TempDir
    Path dir;

    CliHarness home(String name, EthPrivateKey key) {
        CliHarness cli = new CliHarness(dir.resolve(name)).with("ETH_PRIVATE_KEY", HexFormat.of().formatHex(key.secret().reveal()));
        if (!Devnet.url().toString().equals("http://127.0.0.1:1984")) {
            assertEquals(0, cli.run("config", "set", "local.node", Devnet.url().toString()).exit());
        }
        return cli;
    }

    /** Puts an original backup of {@code key} on the devnet; returns its manifest item id. */
    String legacy(EthPrivateKey key, long sequence, Map<String, String> files) throws Exception {
        MemosHome scratch = MemosHome.at(dir.resolve("uploader")).ensure();
        Uploader up = new DevnetBundleUploader(Devnet.gateway(), EthSigner.of(key),
                DevnetBundleUploader.devnetWallet(dir.resolve("w.json")), Retry.DEFAULT, new BackupState(scratch).workDir());
        long unix = System.currentTimeMillis() / 1000;
        return LegacyUploads.upload(up, Files.createDirectories(dir.resolve("items")), LegacyWriter.v2(key, sequence, unix, files), unix,
                LegacyKeys.ownerHash(key));
    }

    Path tree(String name, String memory) throws Exception {
        Path t = Files.createDirectories(dir.resolve(name));
        Files.writeString(t.resolve("MEMORY.md"), memory);
        return t;
    }

    static CliHarness.Run ok(CliHarness.Run r) {
        assertEquals(0, r.exit(), r.out() + r.err());
        return r;
    }

    @Test
    void restore_latest_takes_an_original_backup_newer_than_every_snapshot_and_a_snapshot_newer_than_it() throws Exception {
        EthPrivateKey key = Devnet.freshKey(0x41);
        ok(home("a", key).run("backup", "--input", tree("t1", "snapshot one\n").toString()));
        legacy(key, 2, Map.of("MEMORY.md", "original two\n"));

        // the original backup (2) is newer than the snapshot (1): it wins, and its sequence enters the index
        CliHarness b = home("b", key);
        JsonNode r = ok(b.run("--json", "restore", "--latest", "--out", dir.resolve("out-b").toString())).result();
        assertTrue(r.path("legacy").asBoolean(), r.toString());
        assertEquals(2, r.path("sequence").asLong());
        assertEquals("original two\n", Files.readString(dir.resolve("out-b/MEMORY.md")));

        // a snapshot made after it (3) is newer than the original backup: the snapshot wins
        ok(b.run("backup", "--input", tree("t3", "snapshot three\n").toString()));
        JsonNode c = ok(home("c", key).run("--json", "restore", "--latest", "--out", dir.resolve("out-c").toString())).result();
        assertFalse(c.path("legacy").asBoolean(), c.toString());
        assertEquals(3, c.path("sequence").asLong());
        assertEquals("snapshot three\n", Files.readString(dir.resolve("out-c/MEMORY.md")));
    }

    @Test
    void migrate_to_arweave_continues_the_sequence_resumes_and_a_second_run_stores_nothing() throws Exception {
        EthPrivateKey key = Devnet.freshKey(0x42);
        String first = legacy(key, 1, Map.of("MEMORY.md", "one\n"));
        legacy(key, 2, Map.of("MEMORY.md", "two\n", "notes/é.md", "é\n"));
        CliHarness m = home("m", key);

        JsonNode dry = ok(m.run("--json", "migrate", "--from-legacy", "--all", "--dry-run")).result();
        assertEquals(List.of("would migrate", "would migrate"), statuses(dry));
        assertFalse(dry.path("cost_winston").isNull(), "a network dry run is priced: " + dry);

        // a run that stored only the oldest (as if stopped after its first step) ...
        JsonNode one = ok(m.run("--json", "migrate", "--from-legacy", "--tx-id", first)).result();
        assertEquals(3, one.path("steps").path(0).path("snapshot_sequence").asLong(), "continues after the original's 2");
        // ... is resumed by --all, which stores only the other
        JsonNode all = ok(m.run("--json", "migrate", "--from-legacy", "--all")).result();
        assertEquals(List.of("already migrated", "migrated"), statuses(all));
        assertEquals(4, all.path("steps").path(1).path("snapshot_sequence").asLong());
        JsonNode again = ok(m.run("--json", "migrate", "--from-legacy", "--all")).result();
        assertEquals(List.of("already migrated", "already migrated"), statuses(again));
        assertEquals(0, again.path("bytes_to_store").asLong());

        // a fresh home gets the newest migrated backup as a snapshot, byte for byte
        JsonNode r = ok(home("n", key).run("--json", "restore", "--latest", "--out", dir.resolve("out").toString())).result();
        assertEquals(4, r.path("sequence").asLong());
        assertFalse(r.path("legacy").asBoolean());
        assertEquals("two\n", Files.readString(dir.resolve("out/MEMORY.md")));
        assertEquals("é\n", Files.readString(dir.resolve("out/notes/é.md")));
    }

    static List<String> statuses(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("steps").forEach(s -> out.add(s.path("status").asText()));
        return out;
    }
}
