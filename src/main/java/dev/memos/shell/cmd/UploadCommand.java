package dev.memos.shell.cmd;

import dev.memos.app.backup.BundleBackups;
import dev.memos.app.backup.BackupState;
import dev.memos.arweave.Uploader;
import dev.memos.backup.ManifestEnvelope;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.memos.audit.AuditEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class UploadCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("upload")
            .group("arweave")
            .summary("Upload a packed bundle with its manifest, read it back, and record the tx id in the manifest")
            .option(OptionSpec.value("bundle", "FILE", "the encrypted bundle").mandatory().completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("manifest", "FILE", "its manifest.json").mandatory().completes(OptionSpec.Completion.FILE))
            .option(ArweaveSupport.TURBO).option(ArweaveSupport.X402).option(ArweaveSupport.UPLOAD_WALLET)
            .option(ArweaveSupport.X402_MAX).option(ArweaveSupport.X402_NETWORK).option(ArweaveSupport.DRY_RUN)
            .example("upload --bundle memory.bundle --manifest manifest.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) throws IOException {
        Path bundle = args.requirePath("bundle");
        Path manifestFile = args.requirePath("manifest");
        if (!Files.isRegularFile(bundle)) {
            throw MemosException.usage("--bundle " + bundle + " is not a file");
        }
        ManifestEnvelope env = ManifestEnvelope.read(manifestFile);
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        Path work = new BackupState(ctx.home().ensure()).workDir();
        List<String> warnings = new ArrayList<>();
        Uploader uploader = ArweaveSupport.uploader(args, ctx, key, work, warnings);
        BundleBackups.Upload u = BundleBackups.builder().home(ctx.home()).key(key).uploader(uploader)
                .readBack(ArweaveSupport.readBack(ctx)).clock(ctx.clock()).txIdsFile(ArweaveSupport.txIds(ctx)).build()
                .upload(bundle, env, manifestFile, args.flag("dry-run"));
        if (!u.uploaded()) {
            return CommandResult.of(u.cost() + "; nothing uploaded (--dry-run)", u);
        }
        u = u.withArweaveUrl(ArweaveSupport.gatewayUrl(ctx, u.txId()));
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("tx_id", u.txId());
        audit.put("via", u.via());
        audit.put("bytes", Long.toString(u.bytes()));
        audit.put("bundle_sha256", u.verifiedSha256());
        audit.put("profile", ctx.profile().name());
        warnings.addAll(ctx.audit(AuditEvents.UPLOAD, audit));
        return CommandResult.of("uploaded " + u.txId() + " (" + u.via() + ", " + u.detail() + "); read back and verified SHA-256 "
                + u.verifiedSha256() + ArweaveSupport.describeUpload(u.arweaveUrl(), u.estimate()), u).withWarnings(warnings);
    }
}
