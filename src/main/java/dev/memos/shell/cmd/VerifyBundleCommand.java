package dev.memos.shell.cmd;

import dev.memos.backup.BundleVerifier;
import dev.memos.backup.ManifestEnvelope;
import dev.memos.backup.RollbackIndex;
import dev.memos.backup.VerifiedBundle;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.ProgressBar;
import java.util.LinkedHashMap;
import java.util.Map;
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
        VerifiedBundle v;
        try (ProgressBar bar = ProgressBar.of(ctx)) {
            v = BundleVerifier.builder()
                    .key(ArweaveSupport.ethKey(ctx))
                    .rollbackIndex(RollbackIndex.forHome(ctx.home())).alsoCheck(RollbackIndex.localPacks(ctx.home()))
                    .progress(bar)
                    .build()
                    .verify(args.requirePath("file"), envelope);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", true);
        data.put("bundle_sha256", v.bundleSha256());
        data.put("bundle_size", v.bundleSize());
        data.put("chunks", v.chunks());
        data.put("eth_address", v.manifest().address());
        data.put("sequence", v.manifest().sequence());
        data.put("files", v.manifest().fileCount());
        data.put("total_bytes", v.manifest().totalBytes());
        data.put("manifest_sha256", v.manifest().sha256());
        data.put("checked_manifest_json", envelope.isPresent());
        String text = "OK: " + v.chunks() + " chunks, " + v.manifest().fileCount() + " files verified; sequence "
                + v.manifest().sequence() + " of " + v.manifest().address() + "\nbundle sha256 " + v.bundleSha256();
        return CommandResult.of(text, data).withWarnings(v.warnings());
    }
}
