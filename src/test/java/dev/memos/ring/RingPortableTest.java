package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.identity.ImportCheck;
import dev.memos.identity.MociId;
import dev.memos.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export on one device, import on another: chain verified, entries re-sealed for the new device. */
class RingPortableTest {
    @TempDir
    Path oldHome;
    @TempDir
    Path staging;

    private ImportCheck.Staged staged(Path dir, byte[] publicKey, int macByte, int encByte) {
        return new ImportCheck.Staged() {
            public MociId id() {
                return MociId.parse(RingFixture.ID);
            }

            public SignatureAlgorithm algorithm() {
                return SignatureAlgorithm.ED25519;
            }

            public byte[] publicKey() {
                return publicKey;
            }

            public Path directory() {
                return dir;
            }

            public SecretBytes deviceKey(String label) {
                return RingFixture.fixed(label.equals(RingKeys.MAC_LABEL) ? macByte : encByte);
            }
        };
    }

    private Path exportTo(RingStore s) throws Exception {
        Path dir = staging.resolve("identity");
        Files.createDirectories(dir.resolve("rings"));
        Files.write(dir.resolve("rings").resolve(RingPortable.FILE), RingPortable.export(s));
        return dir;
    }

    @Test
    void import_reseals_entries_for_the_new_device_and_keeps_the_chain() throws Exception {
        RingFixture f = new RingFixture(oldHome);
        RingStore s = f.open();
        s.add("Remember the launch date.", "event");
        f.clock.advance(Duration.ofHours(25));
        s.add("Second memory.", "note");
        Path dir = exportTo(s);
        RingPortable.importCheck().check(staged(dir, f.key.publicKey(), 3, 4));
        Path newHome = staging.resolve("newhome");
        RingFixture g = new RingFixture(newHome, new MutableClock(f.clock.instant()), RingFixture.seed(7));
        Files.createDirectories(g.dir().getParent());
        Files.move(dir.resolve("rings"), g.dir());
        RingStore moved = g.builder().keys(RingKeys.of(RingFixture.fixed(3), RingFixture.fixed(4)))
                .counter(new FileRollbackCounter(FileRollbackCounter.defaultPath(newHome, RingFixture.ID), RingFixture.ID,
                        RingKeys.of(RingFixture.fixed(3), RingFixture.fixed(4)))).open();
        assertEquals(s.head().stepHash().length, moved.head().stepHash().length);
        assertEquals(SignedHead.Relation.SAME, SignedHead.compare(s.head(), moved.head()));
        assertEquals(2, moved.show(OptionalInt.empty()).size());
        assertEquals(0, moved.status().anomalies(), "an import is not a missing-counter anomaly");
        assertFalse(Files.exists(g.dir().resolve(RingPortable.FILE)));
    }

    @Test
    void rejects_an_export_whose_chain_was_edited() throws Exception {
        RingFixture f = new RingFixture(oldHome);
        RingStore s = f.open();
        s.add("x", "note");
        Path dir = exportTo(s);
        Path p = dir.resolve("rings").resolve(RingPortable.FILE);
        Files.writeString(p, Files.readString(p).replace("\"adds\":1", "\"adds\":1").replace("\"genesis\":", "\"genesis\":1"));
        MemosException e = assertThrows(MemosException.class, () -> RingPortable.importCheck().check(staged(dir, f.key.publicKey(), 3, 4)));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void rejects_an_export_signed_by_another_key() throws Exception {
        RingFixture f = new RingFixture(oldHome);
        RingStore s = f.open();
        Path dir = exportTo(s);
        assertThrows(MemosException.class,
                () -> RingPortable.importCheck().check(staged(dir, RingFixture.seed(9).publicKey(), 3, 4)));
    }

    @Test
    void rejects_device_sealed_rings_without_a_portable_copy_on_another_device() throws Exception {
        RingFixture f = new RingFixture(oldHome);
        f.open().add("sealed here", "note");
        Path dir = staging.resolve("identity");
        Files.createDirectories(dir);
        Files.copy(f.dir().resolve(RingStore.FILE), Files.createDirectories(dir.resolve("rings")).resolve(RingStore.FILE));
        assertThrows(MemosException.class, () -> RingPortable.importCheck().check(staged(dir, f.key.publicKey(), 3, 4)));
        RingPortable.importCheck().check(staged(dir, f.key.publicKey(), 1, 2));
        assertTrue(Files.exists(dir.resolve("rings").resolve(RingStore.FILE)));
    }
}
