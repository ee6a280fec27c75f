package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §1 disaster recovery through the packaged launcher with a local snapshot repository: an
 * identity with memories, an audit log and a token key is backed up, the home is deleted, and a fresh
 * home with only ETH_PRIVATE_KEY (+ MEMOS_PASSPHRASE for tier 2) gets all of it back; a verifier that
 * pinned the keys before still accepts new tokens. Then the refusals: a stale snapshot over a newer
 * local identity, a tampered archive, another Ethereum key.
 */
class IdentityDisasterRecoveryIT {
    static final String OTHER_KEY = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";
    static final String PASS = "correct horse battery staple";

    @TempDir
    Path tmp;

    MemosProcess memos(Path home) {
        return new MemosProcess(home).env("ETH_PRIVATE_KEY", ShellModesIT.KEY).env("MEMOS_PASSPHRASE", PASS);
    }

    static JsonNode ok(MemosProcess.Result r) throws Exception {
        assertEquals(0, r.exit(), r.out() + r.err());
        return r.out().startsWith("{") ? Json.mapper().readTree(r.out()) : null;
    }

    @Test
    void tier2_identity_comes_back_from_the_key_alone_and_pinned_verifier_still_accepts_its_tokens() throws Exception {
        Path home = tmp.resolve("home");
        MemosProcess m = memos(home);
        ok(m.run("id", "generate", "--name", "dr", "--passphrase"));
        ok(m.run("mem", "add", "the budget is agreed", "--kind", "decision"));
        ok(m.run("mem", "add", "second memory"));
        ok(m.run("token", "keygen", "skill:weather"));
        String t1 = ok(m.run("--json", "token", "issue", "--skill", "skill:weather", "--scope", "weather:read")).path("result").path("token").asText();
        MemosProcess verifier = new MemosProcess(tmp.resolve("verifier"));
        ok(verifier.run("token", "verify", t1, "--skill", "skill:weather", "--trust-on-first-use"));
        String before = ok(m.run("--json", "id", "list")).toString();
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.md"), "agent notes\n");
        String repo = tmp.resolve("repo").toString();
        JsonNode b = ok(m.run("--json", "backup", "--input", in.toString(), "--repo", repo));
        assertEquals(1, b.path("result").path("identities").size(), b.toString());

        deleteTree(home);
        Path out = tmp.resolve("out");
        MemosProcess.Result r = m.run("restore", "--repo", repo, "--latest", "--identities", "--out", out.toString());
        ok(r);
        assertTrue(r.out().contains("restored"), r.out());
        assertFalse(Files.exists(out.resolve(".memos-identities")), "the identity archive never lands in --out");
        assertTrue(Files.exists(out.resolve("notes.md")));
        assertEquals(before, ok(m.run("--json", "id", "list")).toString());
        ok(m.run("id", "verify"));
        MemosProcess.Result show = m.run("mem", "show");
        ok(show);
        assertTrue(show.out().contains("the budget is agreed") && show.out().contains("second memory"), show.out());
        ok(m.run("audit", "verify"));
        // the chain continues: a new write extends the restored state and verifies
        ok(m.run("mem", "add", "after the disaster"));
        ok(m.run("id", "verify"));
        String t2 = ok(m.run("--json", "token", "issue", "--skill", "skill:weather", "--scope", "weather:read")).path("result").path("token").asText();
        ok(verifier.run("token", "verify", t2, "--skill", "skill:weather"));
    }

    @Test
    void refuses_stale_snapshot_identity_over_newer_local_one_naming_both_heads_unless_force() throws Exception {
        Path home = tmp.resolve("home");
        MemosProcess m = memos(home);
        ok(m.run("id", "generate", "--name", "stale"));
        ok(m.run("mem", "add", "one"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        String repo = tmp.resolve("repo").toString();
        ok(m.run("backup", "--input", in.toString(), "--repo", repo));
        ok(m.run("mem", "add", "two, written after the backup"));

        MemosProcess.Result refused = m.run("restore", "--repo", repo, "--latest", "--identities");
        assertEquals(4, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("moved on") && refused.err().contains("local head: generation")
                && refused.err().contains("snapshot head: generation"), refused.err());
        MemosProcess.Result kept = m.run("mem", "show");
        ok(kept);
        assertTrue(kept.out().contains("two, written after"), "local state intact after the refusal: " + kept.out());

        ok(m.run("restore", "--repo", repo, "--latest", "--identities", "--force"));
        MemosProcess.Result show = m.run("mem", "show");
        ok(show);
        assertFalse(show.out().contains("two, written after"), show.out());
        ok(m.run("id", "verify"));
        ok(m.run("mem", "add", "three"));
    }

    @Test
    void rejects_tampered_identity_archive_and_another_ethereum_key() throws Exception {
        Path home = tmp.resolve("home");
        MemosProcess m = memos(home);
        ok(m.run("id", "generate", "--name", "tamper"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path repo = tmp.resolve("repo");
        ok(m.run("backup", "--input", in.toString(), "--repo", repo.toString()));
        deleteTree(home);

        MemosProcess other = new MemosProcess(home).env("ETH_PRIVATE_KEY", OTHER_KEY);
        MemosProcess.Result wrong = other.run("restore", "--repo", repo.toString(), "--latest", "--identities");
        assertEquals(4, wrong.exit(), wrong.out() + wrong.err());
        assertTrue(wrong.err().contains("another key"), wrong.err());
        assertFalse(Files.exists(home.resolve("identities")), "nothing restored under another key");

        // flip one byte in every pack: the blob holding the archive no longer authenticates
        try (Stream<Path> s = Files.walk(repo.resolve("packs"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(p);
                bytes[90] ^= 1;
                Files.write(p, bytes);
            }
        }
        MemosProcess.Result tampered = m.run("restore", "--repo", repo.toString(), "--latest", "--identities");
        assertEquals(4, tampered.exit(), tampered.out() + tampered.err());
        assertFalse(Files.exists(home.resolve("identities").resolve("CW-TAMPER")), "nothing restored from a tampered archive");
        try (Stream<Path> s = Files.exists(home.resolve("identities")) ? Files.list(home.resolve("identities")) : Stream.empty()) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("CW-")), "no identity placed");
        }
    }

    @Test
    void lost_tombstone_list_counter_and_home_log_come_back_from_the_snapshot_and_keep_the_dead_id_dead() throws Exception {
        Path home = tmp.resolve("home");
        MemosProcess m = memos(home).env("MEMOS_EXPORT_PASSPHRASE", PASS);
        ok(m.run("id", "generate", "--name", "keep"));
        String dead = ok(m.run("--json", "id", "generate", "--name", "dead")).path("result").path("id").asText();
        Path exports = Files.createDirectories(tmp.resolve("exports"));
        ok(m.run("id", "export", dead, "--output", exports.toString()));
        ok(m.run("id", "revoke", dead, "--confirm"));
        ok(m.run("id", "delete", dead, "--confirm"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        String repo = tmp.resolve("repo").toString();
        ok(m.run("backup", "--input", in.toString(), "--repo", repo));
        // every local witness at once: the case FORMAT §8 says a home alone cannot detect
        Files.delete(home.resolve("identities/tombstones.json"));
        Files.delete(home.resolve("identities/tombstones.json.bak"));
        Files.delete(home.resolve("counters/rings-" + dead + ".ctr"));
        deleteTree(home.resolve("audit"));

        MemosProcess.Result r = m.run("restore", "--repo", repo, "--latest", "--identities");
        ok(r);
        MemosProcess.Result list = m.run("id", "list-tombstones");
        ok(list);
        assertTrue(list.out().contains(dead), list.out());
        Path export;
        try (Stream<Path> s = Files.list(exports)) {
            export = s.findFirst().orElseThrow();
        }
        MemosProcess.Result again = m.run("id", "import", export.toString());
        assertEquals(4, again.exit(), again.out() + again.err());
        assertTrue(again.err().contains("tombstoned"), again.err());
    }

    @Test
    void damaged_rings_are_rebuilt_from_the_newest_snapshot() throws Exception {
        Path home = tmp.resolve("home");
        MemosProcess m = memos(home);
        String id = ok(m.run("--json", "id", "generate", "--name", "heal")).path("result").path("id").asText();
        ok(m.run("mem", "add", "kept through the damage"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        String repo = tmp.resolve("repo").toString();
        ok(m.run("backup", "--input", in.toString(), "--repo", repo));
        Path rings = home.resolve("identities").resolve(id).resolve("rings/rings.bin");
        byte[] b = Files.readAllBytes(rings);
        b[b.length / 2] ^= 0x40;
        Files.write(rings, b);
        MemosProcess.Result healed = m.run("mem", "show");
        ok(healed);
        assertTrue(healed.err().contains("recovered identities/" + id + "/rings/rings.bin from its verified copy"), healed.err());
        Files.write(rings, b); // now damage both copies: only the snapshot can bring it back
        Path copy = dev.memos.store.MirroredFile.copyOf(rings);
        byte[] c = Files.readAllBytes(copy);
        c[c.length / 2] ^= 0x40;
        Files.write(copy, c);
        MemosProcess.Result both = m.run("mem", "show");
        assertEquals(4, both.exit(), "the damage is detected");
        assertTrue(both.err().contains("restore --latest --identities"), both.err());

        MemosProcess.Result r = m.run("restore", "--repo", repo, "--latest", "--identities");
        ok(r);
        assertTrue(r.out().contains(id + " restored"), r.out());
        MemosProcess.Result show = m.run("mem", "show");
        ok(show);
        assertTrue(show.out().contains("kept through the damage"), show.out());
        ok(m.run("id", "verify"));
    }

    static void deleteTree(Path p) throws Exception {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
