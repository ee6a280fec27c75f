package dev.memos.identity;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.crypto.Passphrase;
import dev.memos.crypto.SecretBytes;
import dev.memos.fuzz.Fuzz;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Identity export files (`memos id import`) come from wherever the user kept them. Two fuzzers:
 * the sealed container (header, KDF parameters, AEAD) and the decrypted payload, which an attacker
 * who knows the export passphrase controls completely.
 */
class ExportFuzzTest {
    private static final char[] PASS = "fuzz export passphrase".toCharArray();

    /**
     * The container. The Argon2id cost fields are clamped to the minimum before opening: the header
     * may legally ask for up to 1 GiB × 64 passes (Argon2Params bounds), which would make each input
     * take seconds; those bounds are checked by Argon2Params itself and by ExportImportTest.
     */
    @FuzzTest(maxDuration = "30s")
    void export_container_opens_or_fails_cleanly(byte[] file) {
        byte[] f = file.clone();
        int params = ExportFile.MAGIC.length + 2;
        if (f.length >= params + 9) {
            ByteBuffer.wrap(f, params, 9).putInt(8).putInt(1).put((byte) 1);
        }
        Fuzz.cleanly(() -> {
            try (Passphrase p = Passphrase.adopt(PASS.clone())) {
                ExportFile.open(f, p);
            }
        });
    }

    /** A correctly sealed export whose payload is fuzzed: decode and the identity record must hold. */
    @FuzzTest(maxDuration = "30s")
    void export_payload_decodes_or_fails_cleanly(FuzzedDataProvider data) {
        byte[] plain = data.consumeRemainingAsBytes();
        Fuzz.cleanly(() -> {
            ExportPayload p = ExportPayload.decode(plain);
            try (SecretBytes s = p.secret()) {
                IdentityRecord.fromBody(p.meta(), null);
            } catch (IllegalArgumentException e) {
                // IdentityTransfer.importFile turns exactly this into INTEGRITY
            }
        });
    }

    static byte[] sealForSeed(byte[] payload) {
        try (Passphrase p = Passphrase.adopt(PASS.clone())) {
            return ExportFile.seal(payload, p, new Argon2Params(8, 1, 1), new SecureRandom());
        }
    }
}
