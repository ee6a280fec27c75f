package dev.memos.audit;

import java.util.List;

/**
 * The event type names every component logs. The first eleven are the seed's (MOCI "Audit Log"),
 * the rest are memos' own. Names are stable: they are written into logs and exports and queried by
 * auditors, so a rename is a format change.
 */
public final class AuditEvents {
    public static final String IDENTITY_CREATED = "identity_created";
    public static final String CIT_ISSUED = "cit_issued";
    public static final String CIT_VERIFIED = "cit_verified";
    public static final String CIT_REJECTED = "cit_rejected";
    /** A human (ETH key) granted an identity authority: the root link of its token chains. */
    public static final String CIT_GRANTED = "cit_granted";
    /** A token verifier's clock is behind replay nonces it already purged (once per purge mark). */
    public static final String CIT_CLOCK_BEHIND = "cit_clock_behind";
    public static final String MEMORY_WRITE = "memory_write";
    public static final String PROMOTION = "promotion";
    public static final String ANOMALY = "anomaly";
    public static final String KEY_ROTATION = "key_rotation";
    public static final String LIFECYCLE_CHANGE = "lifecycle_change";
    public static final String EXPORT = "export";
    public static final String IMPORT = "import";

    public static final String BACKUP = "backup";
    public static final String RESTORE = "restore";
    public static final String RESTORE_IGNORE_ROLLBACK = "restore_ignore_rollback";
    public static final String UPLOAD = "upload";
    public static final String X402_PAYMENT = "x402_payment";
    public static final String UNLOCK_FAILED = "unlock_failed";
    /** {@code config set}: a setting changed (key, old and new value; settings hold no secrets). */
    public static final String CONFIG_CHANGE = "config_change";
    /** {@code token keygen}: a skill signing key was created or replaced (public key only). */
    public static final String SKILL_KEY_CREATED = "skill_key_created";
    /** {@code token repin-key}: a verifier forgot pinned keys or pinned a given one. */
    public static final String PIN_CHANGE = "pin_change";

    /** Every known name, for completion and documentation; logs also accept other well-formed names. */
    public static final List<String> ALL = List.of(IDENTITY_CREATED, CIT_ISSUED, CIT_VERIFIED, CIT_REJECTED, CIT_GRANTED, CIT_CLOCK_BEHIND,
            MEMORY_WRITE,
            PROMOTION, ANOMALY, KEY_ROTATION, LIFECYCLE_CHANGE, EXPORT, IMPORT, BACKUP, RESTORE, RESTORE_IGNORE_ROLLBACK,
            UPLOAD, X402_PAYMENT, UNLOCK_FAILED, CONFIG_CHANGE, SKILL_KEY_CREATED, PIN_CHANGE);

    private AuditEvents() {
    }

    /** Lower-case letters, digits and '_', 1 to 64 characters, starting with a letter. */
    public static boolean wellFormed(String type) {
        return type != null && type.matches("[a-z][a-z0-9_]{0,63}");
    }
}
