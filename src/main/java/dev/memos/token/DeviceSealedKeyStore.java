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
 * ({@link SealedKeyFile}) and, where the identity's tier asks for it ({@link Binding}), also to the
 * identity key.
 */
public final class DeviceSealedKeyStore implements SkillKeyStore {
    /** Which identities bind their skill keys to their own key (tier 2), and that key when asked. */
    public interface Binding {
        /** Whether new skill keys of {@code issuerId} are sealed to its identity key. */
        boolean binds(String issuerId);

        /** The identity key (unlocking it if needed). */
        Signer identityKey(String issuerId);

        Binding NONE = new Binding() {
            @Override
            public boolean binds(String issuerId) {
                return false;
            }

            @Override
            public Signer identityKey(String issuerId) {
                throw MemosException.auth("the skill keys of " + issuerId + " are sealed to its identity key: unlock it first");
            }
        };
    }

    private final Path identities;
    private final DeviceKey device;
    private final Binding binding;

    public DeviceSealedKeyStore(Path identitiesDir, DeviceKey device) {
        this(identitiesDir, device, Binding.NONE);
    }

    public DeviceSealedKeyStore(Path identitiesDir, DeviceKey device, Binding binding) {
        this.identities = identitiesDir;
        this.device = device;
        this.binding = binding;
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
        try {
            dev.memos.store.PrivateFiles.ensureDirectory(file.getParent());
        } catch (java.io.IOException e) {
            throw MemosException.failure("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        // Check and write under one lock: two concurrent keygens must not both see "no key" and replace each other's.
        try (dev.memos.store.HomeLock ignored = dev.memos.store.HomeLock.acquire(file.resolveSibling(".keys.lock"))) {
            if (SealedKeyFile.exists(file) && !replace) {
                throw MemosException.usage(issuerId + " already has a key for " + skill
                        + ": add --rotate to replace it (verifiers then need 'memos token repin-key " + skill + "')");
            }
            Signer bind = binding.binds(issuerId) ? binding.identityKey(issuerId) : null;
            Ed25519 key = Ed25519.generate();
            SealedKeyFile.write(file, device, issuerId, skill, key, bind);
            return key;
        }
    }

    @Override
    public Optional<Signer> load(String issuerId, String skill) {
        Path file = skillKeyFile(issuerId, skill);
        if (!SealedKeyFile.exists(file)) {
            return Optional.empty();
        }
        Signer bind = SealedKeyFile.identitySealed(file, device) ? binding.identityKey(issuerId) : null;
        return Optional.of(SealedKeyFile.read(file, device, issuerId, skill, bind));
    }

    /** Whether the stored key of {@code skill} is sealed to the identity key. */
    public boolean identitySealed(String issuerId, String skill) {
        Path file = skillKeyFile(issuerId, skill);
        return SealedKeyFile.exists(file) && SealedKeyFile.identitySealed(file, device);
    }
}
