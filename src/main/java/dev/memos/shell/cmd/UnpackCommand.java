package dev.memos.shell.cmd;

import dev.memos.app.backup.LocalBundles;
import dev.memos.app.legacy.LegacyUnpack;
import dev.memos.audit.AuditEvents;
import dev.memos.backup.ManifestEnvelope;
import dev.memos.backup.legacy.LegacyManifest;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.ProgressBar;
import java.util.List;
import java.util.Optional;

public final class UnpackCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("unpack")
            .group("backup")
            .summary("Verify a bundle completely, then restore it into a folder atomically (no network)")
            .option(OptionSpec.value("bundle", "FILE", "the bundle to restore").mandatory().completes(OptionSpec.Completion.FILE))
            .option(BundleManifestOption.MANIFEST)
            .option(OptionSpec.value("out", "DIR", "the folder to restore into").mandatory().completes(OptionSpec.Completion.DIRECTORY))
            .option(OptionSpec.flag("force", "replace a non-empty folder (the old content is kept until the new one is complete)"))
            .option(OptionSpec.flag("ignore-rollback", "restore even a bundle older than the newest known one (dangerous)"))
            .example("unpack --bundle /tmp/vault/memory.bundle --manifest /tmp/vault/manifest.json --out memory/ --force")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        Optional<LegacyManifest> legacy = LegacyUnpack.recognise(args.path("manifest"));
        if (legacy.isPresent()) {
            return LegacyViews.unpacked(new LegacyUnpack(ctx.home()).restore(new LegacyUnpack.Request(args.requirePath("bundle"),
                    legacy.get(), args.requirePath("out"), args.flag("force"), args.flag("ignore-rollback")), ArweaveSupport.ethKey(ctx)));
        }
        Optional<ManifestEnvelope> envelope = BundleManifestOption.envelope(args);
        LocalBundles.Unpacked r;
        boolean ignoreRollback = args.flag("ignore-rollback");
        String bundle = args.requirePath("bundle").toAbsolutePath().normalize().toString();
        try (ProgressBar bar = ProgressBar.of(ctx)) {
            r = LocalBundles.builder().home(ctx.home()).key(ArweaveSupport.ethKey(ctx)).progress(bar).build()
                    .unpack(args.requirePath("bundle"), envelope, args.requirePath("out"), args.flag("force"), ignoreRollback);
        } catch (RuntimeException e) {
            if (ignoreRollback) {
                // every use of the override is on record, also when it failed (as for restore)
                ctx.audit(AuditEvents.RESTORE_IGNORE_ROLLBACK,
                        RestoreCommand.details("bundle", bundle, args.requirePath("out"), "failed", null));
            }
            throw e;
        }
        List<String> audit = ignoreRollback ? ctx.audit(AuditEvents.RESTORE_IGNORE_ROLLBACK,
                RestoreCommand.details("bundle", bundle, args.requirePath("out"), "restored", r.restore())) : List.of();
        String text = "restored " + r.files() + " files (" + r.totalBytes() + " bytes) into "
                + r.destination() + "\nsequence " + r.sequence() + " of " + r.ethAddress()
                + ", made " + r.createdAt();
        return CommandResult.of(text, r).withWarnings(r.warnings()).withWarnings(audit);
    }
}
