package dev.memos.backup;

import java.util.List;

/**
 * A bundle checked end to end without extracting: header MAC, every chunk tag, archive hash and
 * size, the sealed manifest's HMAC and signature, every file's size and SHA-256 against the inventory.
 * {@code bundleSha256}/{@code bundleSize} describe the file as read; {@code warnings} holds e.g. a
 * rollback notice (verification itself does not refuse old sequences).
 */
public record VerifiedBundle(BundleHeader header, SealedManifest sealed, String bundleSha256, long bundleSize,
                             long chunks, List<String> warnings) {
    public VerifiedBundle {
        warnings = List.copyOf(warnings);
    }

    public Manifest manifest() {
        return sealed.manifest();
    }
}
