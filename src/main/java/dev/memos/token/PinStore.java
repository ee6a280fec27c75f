package dev.memos.token;

import java.util.Optional;

/**
 * Keys a verifier trusted on first use, per (audience skill, issuer ID). A token whose keys differ
 * from the pin is refused until the pin is replaced ({@code token repin-key}).
 */
public interface PinStore {
    Optional<Pin> get(String audience, String issuer);

    void put(String audience, String issuer, Pin pin);

    /** Forgets the pin of one issuer, or of every issuer of the skill when {@code issuer} is null; returns how many. */
    int remove(String audience, String issuer);

    static PinStore inMemory() {
        return new MapPinStore(null);
    }

    /** Pins kept in {@code file} (JSON, written atomically, 0600). */
    static PinStore file(java.nio.file.Path file) {
        return new MapPinStore(file);
    }
}
