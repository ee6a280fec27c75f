package dev.memos.store;

/**
 * The 32-byte tag that makes a verified copy ({@link MirroredFile}) trustworthy. The store package
 * holds no cryptography (ArchitectureTest), so each store passes in the seal of its own key:
 * {@code dev.memos.crypto.CopySeals} builds them (an HMAC under the key the store's primary is
 * already MAC'd with, or under a device-derived key; a plain checksum only where no key exists).
 */
@FunctionalInterface
public interface CopySeal {
    /** Tag of {@code data}; the same input always gives the same 32 bytes. */
    byte[] seal(byte[] data);
}
