package dev.memos.audit;

import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One log as the CLI addresses it (home, or {@code --identity ID}), with the keys needed to check it.
 * Keeps the audit commands thin: they resolve a target, call the core and format the result.
 */
public record AuditTarget(MemosHome home, String logId, Path dir) {

    public static AuditTarget of(MemosHome home, Optional<String> identity) {
        String id = identity.map(AuditLogs::checkId).orElse(AuditKeys.HOME_LOG);
        return new AuditTarget(home, id, AuditLogs.directory(home, id));
    }

    public boolean isHome() {
        return AuditKeys.HOME_LOG.equals(logId);
    }

    public boolean exists() {
        return Files.isRegularFile(dir.resolve(AuditLogs.LOG_FILE));
    }

    /** The home log plus every identity log present, home first. */
    public static List<AuditTarget> all(MemosHome home) {
        List<AuditTarget> out = new ArrayList<>();
        out.add(of(home, Optional.empty()));
        Path ids = home.resolve("identities");
        if (Files.isDirectory(ids)) {
            try (Stream<Path> s = Files.list(ids)) {
                s.map(p -> p.getFileName().toString()).sorted().forEach(name -> {
                    try {
                        AuditTarget t = of(home, Optional.of(name));
                        if (t.exists()) {
                            out.add(t);
                        }
                    } catch (MemosException notAnId) {
                        // a folder that is not an identity is not ours to read
                    }
                });
            } catch (IOException e) {
                throw MemosException.failure("cannot list " + ids + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public AuditTarget requireExisting() {
        if (!exists() && !Files.exists(dir.resolve(AuditLogs.CHECKPOINTS_FILE))) {
            throw MemosException.usage("no audit log for '" + logId + "' at " + dir + ": nothing was logged there yet");
        }
        return this;
    }

    /** A public key as given on the command line, with the key whose checkpoints count. */
    public record TrustedKey(SignatureAlgorithm algorithm, byte[] publicKey, String source) {
        public String display() {
            return algorithm.id() + ":" + Base64Url.encode(publicKey);
        }
    }

    /**
     * The key this log's checkpoints must carry: {@code given} if present; for the home log the key
     * derived from the device key; otherwise the key of the log's first checkpoint (trust on first use,
     * flagged in {@link TrustedKey#source()} so the command can warn).
     */
    public TrustedKey trustedKey(Optional<String> given) {
        if (given.isPresent()) {
            return parseKey(given.get());
        }
        if (isHome()) {
            try (Ed25519 k = AuditKeys.homeSigner(deviceKey())) {
                return new TrustedKey(SignatureAlgorithm.ED25519, k.publicKey(), "device");
            }
        }
        List<Checkpoint> cps = CheckpointFile.readAll(dir.resolve(AuditLogs.CHECKPOINTS_FILE));
        if (cps.isEmpty()) {
            throw MemosException.usage("log '" + logId + "' has no checkpoint yet: give the identity's key with --public-key");
        }
        return new TrustedKey(cps.get(0).algorithm(), cps.get(0).publicKey(), "first-checkpoint");
    }

    /** "ed25519:KEY", "ecdsa-p256-sha256:KEY" or a bare KEY (32 bytes = Ed25519, 65 = P-256), KEY in base64url or hex. */
    public static TrustedKey parseKey(String text) {
        String t = text.strip();
        SignatureAlgorithm alg = null;
        int colon = t.indexOf(':');
        if (colon > 0) {
            try {
                alg = SignatureAlgorithm.fromId(t.substring(0, colon).toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw MemosException.usage("--public-key: unknown algorithm '" + t.substring(0, colon) + "' (ed25519 or ecdsa-p256-sha256)");
            }
            t = t.substring(colon + 1);
        }
        byte[] key;
        try {
            key = t.matches("(0x)?[0-9a-fA-F]+") && (t.length() == 64 || t.length() == 130 || t.startsWith("0x"))
                    ? Hex.decode(t) : Base64Url.decode(t);
        } catch (IllegalArgumentException e) {
            throw MemosException.usage("--public-key is neither base64url nor hex");
        }
        if (alg == null) {
            alg = key.length == 32 ? SignatureAlgorithm.ED25519 : key.length == 65 ? SignatureAlgorithm.ECDSA_P256 : null;
        }
        if (alg == null || alg == SignatureAlgorithm.ETH_PERSONAL_SIGN || (alg == SignatureAlgorithm.ED25519 && key.length != 32)
                || (alg == SignatureAlgorithm.ECDSA_P256 && key.length != 65)) {
            throw MemosException.usage("--public-key must be a 32-byte Ed25519 or 65-byte P-256 public key");
        }
        return new TrustedKey(alg, key, "given");
    }

    public AuditVerifier verifier(TrustedKey key) {
        try (dev.memos.crypto.SecretBytes mac = AuditKeys.macKey(deviceKey(), logId)) {
            return AuditVerifier.of(dir, logId).macKey(mac).trustedKey(key.algorithm(), key.publicKey());
        }
    }

    /** For the home log: a fresh checkpoint if entries were added since the last one (we hold its key). */
    public Optional<Checkpoint> checkpointHomeIfBehind() {
        if (!isHome() || !exists()) {
            return Optional.empty();
        }
        try (AuditLog log = AuditLogs.forHome(home)) {
            Optional<Checkpoint> last = log.latestCheckpoint();
            if (last.isPresent() && last.get().size() == log.size()) {
                return last;
            }
            return Optional.of(log.checkpoint());
        }
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return CheckpointFile.readLast(dir.resolve(AuditLogs.CHECKPOINTS_FILE));
    }

    private DeviceKey deviceKey() {
        if (!Files.isRegularFile(home.resolve(DeviceKey.FILE))) {
            throw MemosException.usage("no device key at " + home.resolve(DeviceKey.FILE) + ": give --public-key, or run this on the home that wrote the log");
        }
        return DeviceKey.loadOrCreate(home.root());
    }
}
