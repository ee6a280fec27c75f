package dev.memos.crypto;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place memos reads secrets from the environment: the Ethereum key, the identity and export
 * passphrases and the HSM PIN. Values leave only as {@link EthPrivateKey} or {@link Passphrase}
 * (a fresh char[] the holder wipes), never as a String. {@link #NAMES} is also the deny list of
 * every child process (dev.memos.store.ChildProcesses): no program memos starts sees them.
 */
public final class EnvSecrets {
    public static final String ETH_PRIVATE_KEY = EthPrivateKey.ENV;
    public static final String PASSPHRASE = "MEMOS_PASSPHRASE";
    public static final String EXPORT_PASSPHRASE = "MEMOS_EXPORT_PASSPHRASE";
    /** The passphrase replacing MEMOS_PASSPHRASE in {@code id passphrase}. */
    public static final String NEW_PASSPHRASE = "MEMOS_NEW_PASSPHRASE";
    public static final String HSM_PIN = "MEMOS_HSM_PIN";
    /** The key {@code backup rotate-key} hands the backups over to (FORMAT.md §14.12). */
    public static final String NEW_ETH_PRIVATE_KEY = "MEMOS_NEW_ETH_PRIVATE_KEY";
    public static final Set<String> NAMES = Set.of(ETH_PRIVATE_KEY, PASSPHRASE, EXPORT_PASSPHRASE, HSM_PIN, NEW_ETH_PRIVATE_KEY,
            NEW_PASSPHRASE);

    private final Map<String, String> env;

    private EnvSecrets(Map<String, String> env) {
        this.env = env;
    }

    /** Over the process environment (Main passes System.getenv(); tests pass their own map). */
    public static EnvSecrets of(Map<String, String> env) {
        return new EnvSecrets(env);
    }

    /** Whether {@code name} is set to something non-empty. */
    public boolean isSet(String name) {
        requireSecretName(name);
        String v = env.get(name);
        return v != null && !v.isEmpty();
    }

    /** The key in ETH_PRIVATE_KEY, parsed (errors never repeat the value); empty if unset or blank. */
    public Optional<EthPrivateKey> ethKey() {
        String v = env.get(ETH_PRIVATE_KEY);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(EthPrivateKey.parse(v));
    }

    /** The key in MEMOS_NEW_ETH_PRIVATE_KEY, parsed (errors never repeat the value); empty if unset or blank. */
    public Optional<EthPrivateKey> newEthKey() {
        String v = env.get(NEW_ETH_PRIVATE_KEY);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(EthPrivateKey.parse(v));
    }

    /** A passphrase or PIN variable as a fresh char[] the caller owns and wipes; empty if unset. */
    public Optional<Passphrase> passphrase(String name) {
        requireSecretName(name);
        String v = env.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(Passphrase.adopt(v.toCharArray()));
    }

    private static void requireSecretName(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("not a secret variable: " + name);
        }
    }

    @Override
    public String toString() {
        return "EnvSecrets[redacted]";
    }
}
