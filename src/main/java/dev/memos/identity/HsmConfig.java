package dev.memos.identity;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which PKCS#11 module and slot tier-3 keys are created in. Stored per identity at creation, so a
 * later change of the default does not orphan existing keys. {@code slotListIndex} is the index in
 * the module's list of slots with a token (SunPKCS11's slotListIndex); SoftHSM2 lists initialised
 * tokens first.
 */
public record HsmConfig(Path module, int slotListIndex) {
    public static final Path SOFTHSM = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final HsmConfig DEFAULT = new HsmConfig(SOFTHSM, 0);

    public HsmConfig {
        Objects.requireNonNull(module);
        if (slotListIndex < 0 || slotListIndex > 255) {
            throw new IllegalArgumentException("slot list index must be between 0 and 255");
        }
    }
}
