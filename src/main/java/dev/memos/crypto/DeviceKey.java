package dev.memos.crypto;

import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The random 32-byte key of one home ({@code $MEMOS_HOME/device.key}, 0600). Per-device keys
 * (tier-1 key wrapping, memory-entry MACs, audit MACs) are derived from it with distinct labels, so
 * a copied identity re-keys itself on import and a file from one device never verifies on another.
 */
public final class DeviceKey {
    public static final String FILE = "device.key";

    private final SecretBytes key;

    private DeviceKey(SecretBytes key) {
        this.key = key;
    }

    public static DeviceKey loadOrCreate(Path home) {
        Path file = home.resolve(FILE);
        try {
            byte[] raw = Files.readAllBytes(file);
            if (raw.length != 32) {
                Arrays.fill(raw, (byte) 0);
                throw MemosException.integrity(file + " is damaged (not 32 bytes): restore it from a backup of this home");
            }
            return new DeviceKey(SecretBytes.adopt(raw));
        } catch (NoSuchFileException e) {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            try {
                PrivateFiles.ensureDirectory(home);
                AtomicFile.write(file, raw);
            } catch (IOException io) {
                Arrays.fill(raw, (byte) 0);
                throw MemosException.failure("cannot create " + file + ": " + io.getMessage(), io);
            }
            return new DeviceKey(SecretBytes.adopt(raw));
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A device key from its 32 bytes (another home's, carried by an identity archive); copies them. */
    public static DeviceKey of(byte[] raw) {
        if (raw.length != 32) {
            throw MemosException.integrity("a device key must be 32 bytes, not " + raw.length);
        }
        return new DeviceKey(SecretBytes.adopt(raw.clone()));
    }

    /** HKDF(device key, salt "memos-device-v1", info = label || 0x00 || context). */
    public SecretBytes derive(String label, String context) {
        return Hkdf.derive(key, "memos-device-v1", label + "\u0000" + context, 32);
    }

    @Override
    public String toString() {
        return "DeviceKey[redacted]";
    }
}
