package dev.memos.error;

/**
 * What kind of failure happened, independent of how a front end reports it. The shell maps each
 * kind to one documented exit code; the code string is what `--json` output carries.
 */
public enum ErrorKind {
    FAILURE("failure"),
    USAGE("usage"),
    /** Locked session, missing or wrong secret, refused authentication. */
    AUTH("auth"),
    /** Tamper, checksum, signature or rollback: data must not be trusted. */
    INTEGRITY("integrity"),
    NETWORK("network"),
    /** A payment was refused before anything was signed (cap, network, scheme). */
    PAYMENT("payment"),
    /** A lock or rate limit held the operation back; nothing changed, try again later. */
    BUSY("busy"),
    /** The material is signed by a key other than the one this verifier knows for the ID. */
    KEY_MISMATCH("key_mismatch"),
    /** No key is known for the ID (no home identity, pin or inception record): not authenticated. */
    UNVERIFIED_KEY("unverified_key"),
    /** Two validly signed chain heads of one identity diverge: it has been cloned. */
    FORK_DETECTED("fork_detected"),
    INTERRUPTED("interrupted");

    private final String code;

    ErrorKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ErrorKind fromCode(String code) {
        for (ErrorKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        return FAILURE;
    }
}
