package dev.memos.identity;

import dev.memos.crypto.Passphrase;

/**
 * Where the core gets secrets it cannot find itself: the shell answers from the environment
 * (MEMOS_PASSPHRASE, MEMOS_NEW_PASSPHRASE, MEMOS_EXPORT_PASSPHRASE, MEMOS_HSM_PIN) or a no-echo prompt. Every returned
 * Passphrase is owned and wiped by the caller.
 */
public interface SecretSource {
    enum Kind {
        /** The tier-2 identity passphrase (MEMOS_PASSPHRASE). */
        IDENTITY_PASSPHRASE,
        /** A new tier-2 passphrase being set (asked twice on a terminal). */
        NEW_IDENTITY_PASSPHRASE,
        /** The passphrase replacing the current one in {@code id passphrase} (MEMOS_NEW_PASSPHRASE; asked twice). */
        REPLACEMENT_PASSPHRASE,
        /** The passphrase of an export file (MEMOS_EXPORT_PASSPHRASE). */
        EXPORT_PASSPHRASE,
        /** A new export passphrase being set (asked twice on a terminal). */
        NEW_EXPORT_PASSPHRASE,
        /** The PKCS#11 user PIN (MEMOS_HSM_PIN). */
        HSM_PIN
    }

    /** The secret of that kind, for the named identity (shown in a prompt), or an AUTH error saying how to give it. */
    Passphrase get(Kind kind, String forWhat);

    /** For tests and programs: the same fixed answers for every request. */
    static SecretSource fixed(java.util.Map<Kind, String> answers) {
        return (kind, what) -> {
            String v = answers.get(kind);
            if (v == null && kind == Kind.NEW_IDENTITY_PASSPHRASE) {
                v = answers.get(Kind.IDENTITY_PASSPHRASE);
            }
            if (v == null && kind == Kind.NEW_EXPORT_PASSPHRASE) {
                v = answers.get(Kind.EXPORT_PASSPHRASE);
            }
            if (v == null) {
                throw dev.memos.error.MemosException.auth("no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " given for " + what);
            }
            return Passphrase.adopt(v.toCharArray());
        };
    }
}
