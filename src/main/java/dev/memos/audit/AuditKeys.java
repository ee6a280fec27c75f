package dev.memos.audit;

import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;

/**
 * Where the audit keys come from (FORMAT.md §12.5). The chain MAC key of a log is
 * DeviceKey.derive("audit", logId). The home log's checkpoints are signed by an Ed25519 key whose seed
 * is DeviceKey.derive("audit-checkpoint", "home"): nothing extra to store, but whoever holds the device
 * key can re-sign the home log, which is why {@code audit anchor} publishes checkpoints.
 */
public final class AuditKeys {
    public static final String HOME_LOG = "home";
    /** The device-key label of a log's chain MAC key (context = log id). */
    public static final String AUDIT_LABEL = "audit";

    private AuditKeys() {
    }

    public static SecretBytes macKey(DeviceKey deviceKey, String logId) {
        return deviceKey.derive(AUDIT_LABEL, logId);
    }

    public static Ed25519 homeSigner(DeviceKey deviceKey) {
        try (SecretBytes seed = deviceKey.derive("audit-checkpoint", HOME_LOG)) {
            return Ed25519.fromSeed(seed);
        }
    }
}
