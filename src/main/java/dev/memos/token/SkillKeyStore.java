package dev.memos.token;

import dev.memos.crypto.Signer;
import java.util.Optional;

/**
 * Per-skill token signing keys: one Ed25519 key per (identity, skill), so a leaked key lets an
 * attacker speak only to that one skill.
 */
public interface SkillKeyStore {
    /** Creates the key; with {@code replace} an existing key is overwritten (rotation). */
    Signer generate(String issuerId, String skill, boolean replace);

    Optional<Signer> load(String issuerId, String skill);
}
