package dev.memos.shell.cmd;

import dev.memos.backup.ManifestEnvelope;
import dev.memos.shell.Args;
import dev.memos.shell.OptionSpec;
import java.util.Optional;

/** The {@code --manifest} option of the commands that check a local bundle (unpack, verify-bundle). */
final class BundleManifestOption {
    static final OptionSpec MANIFEST = OptionSpec.value("manifest", "FILE", "its manifest.json: also checks the bundle's SHA-256 and size")
            .completes(OptionSpec.Completion.FILE);

    private BundleManifestOption() {
    }

    /** The detached envelope {@code --manifest} names, read and parsed; empty without the option. */
    static Optional<ManifestEnvelope> envelope(Args args) {
        return args.path("manifest").map(ManifestEnvelope::read);
    }
}
