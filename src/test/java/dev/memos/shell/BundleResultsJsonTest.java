package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.app.backup.BackupListing;
import dev.memos.app.backup.BundleBackups;
import dev.memos.app.backup.BundleRestores;
import dev.memos.app.backup.LocalBundles;
import dev.memos.arweave.UploadCost;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The result records of backup --format bundle, upload, restore --tx-id, list, verify-bundle and unpack keep the JSON keys
 * their hand-built maps had (issue 14: results as typed records), in the same order.
 */
class BundleResultsJsonTest {
    static final String TX = "T".repeat(43);

    static List<String> keys(Object result) {
        JsonNode n = Printer.resultTree(result);
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void uploaded_backup_shows_url_and_winston_cost_after_the_bundle_fields() {
        BundleBackups.Result r = new BundleBackups.Result("uploaded", 3, TX, 1200, "ab", "L1", null, List.of("w"),
                UploadCost.winston(BigInteger.valueOf(123_000_000L))).withArweaveUrl("http://127.0.0.1:1984/" + TX);
        assertEquals(List.of("outcome", "sequence", "tx_id", "bundle_bytes", "bundle_sha256", "detail", "arweave_url",
                "estimated_cost_winston", "estimated_cost_ar"), keys(r));
        assertEquals("123000000", Printer.resultTree(r).path("estimated_cost_winston").asText());
    }

    @Test
    void dry_run_backup_has_a_null_tx_id_and_no_url_or_cost() {
        BundleBackups.Result r = new BundleBackups.Result("dry-run", 4, null, 1200, "ab", "about 1 AR", null, List.of(),
                UploadCost.winston(BigInteger.TEN));
        assertEquals(List.of("outcome", "sequence", "tx_id", "bundle_bytes", "bundle_sha256", "detail"), keys(r));
        assertTrue(Printer.resultTree(r).path("tx_id").isNull());
    }

    @Test
    void upload_dry_run_and_real_upload_keep_their_keys() {
        BundleBackups.Upload dry = new BundleBackups.Upload(10, "0.1 AR", false, null, null, null, null, null, UploadCost.unknown());
        assertEquals(List.of("bytes", "cost", "uploaded"), keys(dry));
        BundleBackups.Upload real = new BundleBackups.Upload(10, null, true, TX, "l1", "ok", "ab", null, UploadCost.usdc(BigInteger.valueOf(10_000)))
                .withArweaveUrl("http://g/" + TX);
        assertEquals(List.of("bytes", "uploaded", "tx_id", "via", "detail", "verified_sha256", "arweave_url", "estimated_cost_usdc"),
                keys(real));
    }

    @Test
    void restore_result_keeps_its_keys() {
        BundleRestores.Restored r = new BundleRestores.Restored(TX, 2, "/tmp/out", 5, "ab", 3, List.of("x: bad"));
        assertEquals(List.of("tx_id", "sequence", "out", "files", "bundle_sha256", "candidates", "rejected"), keys(r));
    }

    @Test
    void list_rows_show_unknown_sequences_as_null_and_snapshot_ids_only_on_snapshots() {
        BundleRestores.Entry unverified = new BundleRestores.Entry(TX, null, null, 99, "Pending", "unverified");
        BackupListing l = new BackupListing(List.of(BackupListing.Row.bundle(unverified),
                BackupListing.Row.snapshot(7, 1_800_000_000L, "S".repeat(43), 50, "sid")), false, List.of());
        assertEquals(List.of("backups", "offline", "legacy_backups"), keys(l));
        JsonNode rows = Printer.resultTree(l).path("backups");
        assertEquals(List.of("sequence", "unix_time", "tx_id", "size", "status", "verification", "kind"), keys(rows.get(0)));
        assertTrue(rows.get(0).path("sequence").isNull());
        assertEquals("snapshot", rows.get(1).path("kind").asText());
        assertEquals("sid", rows.get(1).path("snapshot_id").asText());
    }

    @Test
    void forks_warns_on_a_sequence_two_verified_backups_carry_and_ignores_unverified_ones() {
        BackupListing.Row a = BackupListing.Row.snapshot(7, 1, "A".repeat(43), 1, "s1");
        BackupListing.Row b = BackupListing.Row.bundle(new BundleRestores.Entry("B".repeat(43), 7L, 2L, 1, "Confirmed", "verified"));
        BackupListing.Row c = BackupListing.Row.bundle(new BundleRestores.Entry("C".repeat(43), 8L, 2L, 1, "Confirmed", "unverified"));
        BackupListing.Row d = BackupListing.Row.snapshot(8, 1, "D".repeat(43), 1, "s2");
        List<String> w = BackupListing.forks(List.of(a, b, c, d));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("sequence 7 was published 2 times"), w.get(0));
    }

    @Test
    void verify_bundle_and_unpack_results_keep_their_keys() {
        LocalBundles.Verified v = new LocalBundles.Verified(true, "ab", 10, 1, "0xA", 2, 3, 4, "cd", false, List.of("w"));
        assertEquals(List.of("ok", "bundle_sha256", "bundle_size", "chunks", "eth_address", "sequence", "files", "total_bytes",
                "manifest_sha256", "checked_manifest_json"), keys(v));
        LocalBundles.Unpacked u = new LocalBundles.Unpacked("/tmp/o", "0xA", 2, "2026-01-01T00:00:00Z", 3, 1, 4, "ab", "cd", false, null);
        assertEquals(List.of("destination", "eth_address", "sequence", "created_at", "files", "dirs", "total_bytes", "bundle_sha256",
                "manifest_sha256", "replaced_existing"), keys(u));
    }
}
