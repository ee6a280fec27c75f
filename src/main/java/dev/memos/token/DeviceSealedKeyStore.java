package dev.memos.token;

import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.Signer;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Per-skill keys under {@code <identities>/<ID>/tokens/<name>.skill.key}, sealed with the device key
 * ({@link SealedKeyFile}). Also holds the interim per-identity delegation key (see
 * {@link LocalIssuerDirectory}) as {@code delegation.key}.
 */
public final class DeviceSealedKeyStore implements SkillKeyStore {
    private final Path identities;
    private final DeviceKey device;

    public DeviceSealedKeyStore(Path identitiesDir, DeviceKey device) {
        this.identities = identitiesDir;
        this.device = device;
    }

    public Path tokensDir(String issuerId) {
        if (!Names.isId(issuerId)) {
            throw MemosException.usage("'" + issuerId + "' is not an identity ID");
        }
        return identities.resolve(issuerId).resolve("tokens");
    }

    public Path skillKeyFile(String issuerId, String skill) {
        Names.requireSkill(skill);
        return tokensDir(issuerId).resolve(skill.substring("skill:".length()) + ".skill.key");
    }

    @Override
    public Signer generate(String issuerId, String skill, boolean replace) {
        Path file = skillKeyFile(issuerId, skill);
        if (Files.exists(file) && !replace) {
            throw MemosException.usage(issuerId + " already has a key for " + skill
                    + ": add --rotate to replace it (verifiers then need 'memos token repin-key " + skill + "')");
        }
        Ed25519 key = Ed25519.generate();
        SealedKeyFile.write(file, device, issuerId, skill, key);
        return key;
    }

    @Override
    public Optional<Signer> load(String issuerId, String skill) {
        Path file = skillKeyFile(issuerId, skill);
        return Files.exists(file) ? Optional.of(SealedKeyFile.read(file, device, issuerId, skill)) : Optional.empty();
    }

    /** The interim identity (delegation) key, created on first use. */
    Signer delegationKey(String issuerId) {
        Path file = tokensDir(issuerId).resolve("delegation.key");
        if (Files.exists(file)) {
            return SealedKeyFile.read(file, device, issuerId, "delegation");
        }
        Ed25519 key = Ed25519.generate();
        SealedKeyFile.write(file, device, issuerId, "delegation", key);
        return key;
    }
}
