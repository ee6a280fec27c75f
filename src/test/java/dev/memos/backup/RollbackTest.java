package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackTest {
    @TempDir
    Path tmp;
    private Path home;
    private Path in;
    private PackResult first;
    private PackResult second;

    @BeforeEach
    void twoBackups() throws IOException {
        home = tmp.resolve("home");
        in = Fixtures.smallTree(tmp.resolve("in"));
        BundlePacker p = Fixtures.packer(home).build();
        first = p.pack(in, tmp.resolve("1.memos"));
        Files.writeString(in.resolve("hello.txt"), "newer memory\n");
        second = p.pack(in, tmp.resolve("2.memos"));
    }

    private RollbackIndex index() {
        return RollbackIndex.at(home.resolve(RollbackIndex.FILE));
    }

    @Test
    void rejects_rollback_to_older_sequence_naming_both_and_the_flag() throws IOException {
        Path dest = tmp.resolve("dest");
        Fixtures.restorer(home).restore(second.bundle(), dest, false, false);
        String before = Fixtures.describe(dest);
        MemosException e = assertThrows(MemosException.class, () -> Fixtures.restorer(home).restore(first.bundle(), dest, true, false));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains("sequence 1") && e.getMessage().contains("sequence 2")
                && e.getMessage().contains("--ignore-rollback"), e.getMessage());
        assertEquals(before, Fixtures.describe(dest));
    }

    @Test
    void ignore_rollback_restores_with_a_loud_warning_and_keeps_the_index() throws IOException {
        Path dest = tmp.resolve("dest");
        RestoreResult r = Fixtures.restorer(home).restore(first.bundle(), dest, false, true);
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).startsWith("WARNING: rollback"), r.warnings().get(0));
        assertEquals(2, index().latest(first.manifest().address()).orElseThrow().sequence());
        assertEquals(Fixtures.describe(Fixtures.smallTree(tmp.resolve("expected"))), Fixtures.describe(dest));
    }

    @Test
    void rejects_fork_with_same_sequence_and_another_manifest() throws IOException {
        PackResult elsewhere = Fixtures.packer(tmp.resolve("other-home")).build().pack(in, tmp.resolve("fork.memos"));
        PackResult elsewhere2 = Fixtures.packer(tmp.resolve("other-home")).build().pack(in, tmp.resolve("fork2.memos"));
        assertEquals(2, elsewhere2.manifest().sequence());
        MemosException e = assertThrows(MemosException.class,
                () -> Fixtures.restorer(home).restore(elsewhere2.bundle(), tmp.resolve("dest"), false, false));
        assertTrue(e.getMessage().startsWith("fork"), e.getMessage());
        assertEquals(1, elsewhere.manifest().sequence());
    }

    @Test
    void restore_of_a_newer_bundle_raises_the_known_sequence() throws IOException {
        Path fresh = tmp.resolve("fresh-home");
        Fixtures.restorer(fresh).restore(second.bundle(), tmp.resolve("dest"), false, false);
        RollbackIndex idx = RollbackIndex.at(fresh.resolve(RollbackIndex.FILE));
        assertEquals(2, idx.latest(second.manifest().address()).orElseThrow().sequence());
        assertEquals(second.manifest().sha256(), idx.latest(second.manifest().address()).orElseThrow().manifestSha256());
        assertEquals(3, idx.nextSequence(second.manifest().address()));
    }

    @Test
    void index_file_is_private_canonical_and_leaves_no_temporaries() throws IOException {
        Path f = home.resolve(RollbackIndex.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        String json = Files.readString(f);
        assertEquals("{\"addresses\":{\"" + second.manifest().address() + "\":{\"manifest_sha256\":\"" + second.manifest().sha256()
                + "\",\"sequence\":2}},\"format\":1}", json);
        try (var s = Files.list(home)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }

    @Test
    void rejects_damaged_index_instead_of_resetting_it() throws IOException {
        Files.writeString(home.resolve(RollbackIndex.FILE), "{\"format\":1,\"addresses\":[]}");
        Files.deleteIfExists(dev.memos.store.MirroredFile.copyOf(home.resolve(RollbackIndex.FILE))); // else the copy repairs it
        MemosException e = assertThrows(MemosException.class,
                () -> Fixtures.restorer(home).restore(first.bundle(), tmp.resolve("dest"), false, false));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void verifier_warns_about_rollback_but_does_not_fail() {
        VerifiedBundle v = BundleVerifier.builder().key(Fixtures.key()).rollbackIndex(index()).build().verify(first.bundle());
        assertEquals(1, v.warnings().size());
    }

    @Test
    void non_empty_destination_needs_force() throws IOException {
        Path dest = tmp.resolve("dest");
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("x"), "x");
        MemosException e = assertThrows(MemosException.class, () -> Fixtures.restorer(home).restore(second.bundle(), dest, false, false));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("--force"));
        RestoreResult r = Fixtures.restorer(home).restore(second.bundle(), dest, true, false);
        assertTrue(r.replacedExisting());
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("memos-")), "no staging or old copy left behind");
        }
    }
}
