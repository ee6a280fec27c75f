package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.SecretBytes;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportImportTest {
    @TempDir
    Path tmp;

    private Path homeA() {
        return tmp.resolve("a");
    }

    private Path homeB() {
        return tmp.resolve("b");
    }

    private IdentityInfo withRings(IdentityStore s, Tier tier) throws Exception {
        IdentityInfo i = s.create("nova", tier, TestStores.SECRETS);
        Files.createDirectories(i.directory().resolve("rings/3"));
        Files.writeString(i.directory().resolve("rings/3/chain.json"), "{\"genesis\":true}");
        Files.createDirectories(i.directory().resolve("audit"));
        Files.writeString(i.directory().resolve("audit/log.jsonl"), "{\"event\":\"created\"}\n");
        return i;
    }

    private Path export(IdentityStore s, MociId id) throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        return s.exportTo(id, out, TestStores.SECRETS);
    }

    /** The export file of a tier-1 identity with rings, made in home A: what the attacks below tamper with. */
    private Path deviceExportFromA() throws Exception {
        IdentityStore a = TestStores.store(homeA());
        return export(a, withRings(a, Tier.DEVICE).id());
    }

    private static boolean noIdentities(Path home) throws Exception {
        Path dir = home.resolve("identities");
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.noneMatch(p -> p.getFileName().toString().startsWith("CW-")
                    || p.getFileName().toString().startsWith(".staging-"));
        }
    }

    @Test
    void round_trips_tier1_to_a_second_home_with_all_files_and_rekeys() throws Exception {
        IdentityStore a = TestStores.store(homeA());
        IdentityInfo i = withRings(a, Tier.DEVICE);
        Path file = export(a, i.id());
        assertTrue(file.getFileName().toString().matches("moci-export-[0-9a-f]{8}\\.enc"));
        assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("NOVA"));

        IdentityStore b = TestStores.store(homeB());
        IdentityInfo imported = b.importFrom(file, false, TestStores.SECRETS);
        assertEquals(i.id(), imported.id());
        assertArrayEquals(i.publicKey(), imported.publicKey());
        assertEquals("{\"genesis\":true}", Files.readString(imported.directory().resolve("rings/3/chain.json")));
        assertTrue(Files.exists(imported.directory().resolve("audit/log.jsonl")));
        try (UnlockedIdentity ua = a.unlock(i.id(), TestStores.SECRETS); UnlockedIdentity ub = b.unlock(i.id(), TestStores.SECRETS);
             SecretBytes ka = ua.deviceKey("ring-mac"); SecretBytes kb = ub.deviceKey("ring-mac")) {
            assertArrayEquals(ua.signer().publicKey(), ub.signer().publicKey());
            assertFalse(ka.equalsSecret(kb), "device keys must differ between homes");
        }
    }

    @Test
    void round_trips_tier2_and_checks_the_identity_passphrase() throws Exception {
        IdentityStore a = TestStores.store(homeA());
        IdentityInfo i = withRings(a, Tier.PASSPHRASE);
        Path file = export(a, i.id());
        IdentityStore b = TestStores.store(homeB());
        MemosException e = assertThrows(MemosException.class, () -> b.importFrom(file, false, SecretSource.fixed(Map.of(
                SecretSource.Kind.EXPORT_PASSPHRASE, TestStores.EXPORT_PASS,
                SecretSource.Kind.IDENTITY_PASSPHRASE, "not the passphrase"))));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertTrue(noIdentities(homeB()));
        b.importFrom(file, false, TestStores.SECRETS);
        try (UnlockedIdentity u = b.unlock(i.id(), TestStores.SECRETS)) {
            assertArrayEquals(i.publicKey(), u.signer().publicKey());
        }
    }

    @Test
    void rejects_wrong_export_passphrase_with_nothing_imported() throws Exception {
        Path file = deviceExportFromA();
        MemosException e = assertThrows(MemosException.class, () -> TestStores.store(homeB()).importFrom(file, false,
                SecretSource.fixed(Map.of(SecretSource.Kind.EXPORT_PASSPHRASE, "wrong one!"))));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertTrue(noIdentities(homeB()));
    }

    @Test
    void rejects_every_single_byte_flip_with_nothing_imported() throws Exception {
        byte[] good = Files.readAllBytes(deviceExportFromA());
        IdentityStore b = TestStores.store(homeB());
        Path bad = tmp.resolve("bad.enc");
        List<String> accepted = new ArrayList<>();
        for (int pos = 0; pos < good.length; pos++) {
            for (int mask : new int[] {0x01, 0x80}) {
                byte[] f = good.clone();
                f[pos] ^= (byte) mask;
                Files.write(bad, f);
                try {
                    b.importFrom(bad, false, TestStores.SECRETS);
                    accepted.add(pos + "/" + mask);
                } catch (MemosException e) {
                    assertTrue(e.kind() == ErrorKind.AUTH || e.kind() == ErrorKind.INTEGRITY, e.kind() + " at " + pos);
                }
            }
        }
        assertEquals(List.of(), accepted);
        assertTrue(noIdentities(homeB()));
    }

    @Test
    void rejects_truncation_at_every_length_with_nothing_imported() throws Exception {
        byte[] good = Files.readAllBytes(deviceExportFromA());
        IdentityStore b = TestStores.store(homeB());
        Path bad = tmp.resolve("short.enc");
        for (int len = 0; len < good.length; len++) {
            Files.write(bad, java.util.Arrays.copyOf(good, len));
            MemosException e = assertThrows(MemosException.class, () -> b.importFrom(bad, false, TestStores.SECRETS));
            assertTrue(e.kind() == ErrorKind.AUTH || e.kind() == ErrorKind.INTEGRITY);
        }
        Files.write(bad, java.util.Arrays.copyOf(good, good.length + 1));
        assertThrows(MemosException.class, () -> b.importFrom(bad, false, TestStores.SECRETS));
        assertTrue(noIdentities(homeB()));
    }

    @Test
    void refuses_existing_id_unless_replace() throws Exception {
        IdentityStore a = TestStores.store(homeA());
        IdentityInfo i = withRings(a, Tier.DEVICE);
        Path file = export(a, i.id());
        MemosException e = assertThrows(MemosException.class, () -> a.importFrom(file, false, TestStores.SECRETS));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("--replace"));
        Files.writeString(i.directory().resolve("rings/3/chain.json"), "{\"changed\":true}");
        Files.writeString(i.directory().resolve("local-only.txt"), "x");
        a.importFrom(file, true, TestStores.SECRETS);
        assertEquals("{\"genesis\":true}", Files.readString(i.directory().resolve("rings/3/chain.json")));
        assertFalse(Files.exists(i.directory().resolve("local-only.txt")));
        try (Stream<Path> s = Files.list(homeA().resolve("identities"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".replaced-")));
        }
    }

    @Test
    void tombstone_blocks_import_even_with_replace() throws Exception {
        IdentityStore a = TestStores.store(homeA());
        IdentityInfo i = withRings(a, Tier.DEVICE);
        Path file = export(a, i.id());
        IdentityStore b = TestStores.store(homeB());
        b.importFrom(file, false, TestStores.SECRETS);
        b.revoke(i.id(), TestStores.SECRETS);
        b.delete(i.id(), TestStores.SECRETS);
        for (boolean replace : new boolean[] {false, true}) {
            MemosException e = assertThrows(MemosException.class, () -> b.importFrom(file, replace, TestStores.SECRETS));
            assertEquals(ErrorKind.INTEGRITY, e.kind());
            assertTrue(e.getMessage().contains("tombstoned"));
        }
        assertTrue(noIdentities(homeB()));
    }

    @Test
    void refuses_to_export_revoked_identity() throws Exception {
        IdentityStore a = TestStores.store(homeA());
        IdentityInfo i = withRings(a, Tier.DEVICE);
        a.revoke(i.id(), TestStores.SECRETS);
        assertEquals(ErrorKind.USAGE, assertThrows(MemosException.class, () -> export(a, i.id())).kind());
    }

    @Test
    void refuses_short_export_passphrase() throws Exception {
        IdentityStore a = TestStores.store(homeA());
        IdentityInfo i = withRings(a, Tier.DEVICE);
        Path out = tmp.resolve("out");
        MemosException e = assertThrows(MemosException.class, () -> a.exportTo(i.id(), out,
                SecretSource.fixed(Map.of(SecretSource.Kind.NEW_EXPORT_PASSPHRASE, "short"))));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent());
    }

    @Test
    void import_checks_run_on_the_staged_folder_and_can_reject() throws Exception {
        IdentityStore a = TestStores.store(homeA());
        IdentityInfo i = withRings(a, Tier.DEVICE);
        Path file = export(a, i.id());
        List<String> seen = new ArrayList<>();
        IdentityStore rejecting = TestStores.builder(homeB()).importCheck(st -> {
            seen.add(st.id() + " " + Files.exists(st.directory().resolve("rings/3/chain.json")));
            try (SecretBytes k = st.deviceKey("ring-mac")) {
                assertEquals(32, k.length());
            }
            throw MemosException.integrity("ring-3 chain broken at entry 7");
        }).build();
        MemosException e = assertThrows(MemosException.class, () -> rejecting.importFrom(file, false, TestStores.SECRETS));
        assertEquals("ring-3 chain broken at entry 7", e.getMessage());
        assertEquals(List.of(i.id() + " true"), seen);
        assertTrue(noIdentities(homeB()));

        IdentityStore rewriting = TestStores.builder(homeB()).importCheck(st -> {
            try {
                Files.writeString(st.directory().resolve("rings/3/chain.json"), "{\"resigned\":true}");
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }).build();
        IdentityInfo ok = rewriting.importFrom(file, false, TestStores.SECRETS);
        assertEquals("{\"resigned\":true}", Files.readString(ok.directory().resolve("rings/3/chain.json")));
    }

    @Test
    void recovers_a_replace_interrupted_between_its_two_renames() throws Exception {
        IdentityStore a = TestStores.store(homeA());
        IdentityInfo i = withRings(a, Tier.DEVICE);
        Path aside = homeA().resolve("identities/.replaced-" + i.id() + "-0011223344aa");
        Files.move(i.directory(), aside);
        Path staging = homeA().resolve("identities/.staging-00aa");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("partial"), "x");
        a.create("other", Tier.DEVICE, TestStores.SECRETS);
        assertEquals(IdentityState.ACTIVE, a.require(i.id()).state());
        assertTrue(Files.exists(i.directory().resolve("rings/3/chain.json")));
        assertFalse(Files.exists(aside));
        assertFalse(Files.exists(staging));
    }

    @Test
    void rejects_export_that_is_not_an_export() throws Exception {
        Path junk = tmp.resolve("junk.enc");
        Files.write(junk, new byte[200]);
        assertEquals(ErrorKind.INTEGRITY, assertThrows(MemosException.class,
                () -> TestStores.store(homeB()).importFrom(junk, false, TestStores.SECRETS)).kind());
    }

    @Test
    void rejects_path_traversal_inside_a_valid_export() {
        for (String p : List.of("../evil", "/etc/passwd", "rings/../../x", "identity.json", "identity.json.bak", ".hidden",
                "a//b", "", "rings/.tmp-x")) {
            assertThrows(MemosException.class, () -> ExportPayload.checkPath(p), p);
        }
        ExportPayload.checkPath("rings/3/chain.json");
    }

    @Test
    void refuses_symlink_in_identity_folder_on_export() throws Exception {
        IdentityStore a = TestStores.store(homeA());
        IdentityInfo i = withRings(a, Tier.DEVICE);
        Files.createSymbolicLink(i.directory().resolve("rings/link"), Path.of("/etc/passwd"));
        assertThrows(MemosException.class, () -> export(a, i.id()));
    }
}
