package dev.memos.shell.cmd;

import dev.memos.app.backup.LocalBundles;
import dev.memos.backup.ManifestEnvelope;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.ProgressBar;
import java.util.Optional;

public final class VerifyBundleCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("verify-bundle")
            .group("backup")
            .summary("Check a bundle completely (every chunk, manifest, file hash) without extracting anything")
            .option(OptionSpec.positional("file", "the bundle to check").mandatory().completes(OptionSpec.Completion.FILE))
            .option(BundleManifestOption.MANIFEST)
            .example("verify-bundle /tmp/vault/memory.bundle --manifest /tmp/vault/manifest.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        Optional<ManifestEnvelope> envelope = BundleManifestOption.envelope(args);
        LocalBundles.Verified v;
        try (ProgressBar bar = ProgressBar.of(ctx)) {
            v = LocalBundles.builder().home(ctx.home()).key(ArweaveSupport.ethKey(ctx)).progress(bar).build()
                    .verify(args.requirePath("file"), envelope);
        }
        String text = "OK: " + v.chunks() + " chunks, " + v.files() + " files verified; sequence "
                + v.sequence() + " of " + v.ethAddress() + "\nbundle sha256 " + v.bundleSha256();
        return CommandResult.of(text, v).withWarnings(v.warnings());
    }
}
