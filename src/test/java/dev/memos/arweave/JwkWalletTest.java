package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwkWalletTest {
    @TempDir
    Path dir;

    @Test
    void generates_rsa4096_saves_0600_and_reloads_same_address() throws Exception {
        JwkWallet w = JwkWallet.generate();
        assertEquals(512, w.owner().length);
        Path file = dir.resolve("wallet.json");
        w.save(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JwkWallet back = JwkWallet.load(file);
        assertEquals(w.address(), back.address());
        assertTrue(Files.readString(file).contains("\"e\":\"AQAB\""));
        byte[] msg = {1, 2, 3};
        assertTrue(RsaPssVerifier.verify(w.owner(), msg, back.sign(msg)));
        assertFalse(w.toString().contains(Files.readString(file).substring(10, 40)));
    }

    @Test
    void rejects_overwriting_an_existing_wallet() throws Exception {
        Path file = dir.resolve("w.json");
        Files.writeString(file, "{}");
        MemosException e = assertThrows(MemosException.class, () -> JwkWallet.generate().save(file));
        assertEquals(ErrorKind.USAGE, e.kind());
    }

    @Test
    void rejects_non_rsa_jwk() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"kty\":\"EC\",\"x\":\"AA\"}");
        MemosException e = assertThrows(MemosException.class, () -> JwkWallet.load(file));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertFalse(e.getMessage().contains("AA\""));
    }

    @Test
    void rejects_missing_wallet_file_with_a_hint() {
        MemosException e = assertThrows(MemosException.class, () -> JwkWallet.load(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("wallet generate"));
    }
}
