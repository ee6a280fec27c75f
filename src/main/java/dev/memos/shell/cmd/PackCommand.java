package dev.memos.shell.cmd;

import dev.memos.backup.BundlePacker;
import dev.memos.backup.Compression;
import dev.memos.backup.PackResult;
import dev.memos.backup.RollbackIndex;
import dev.memos.backup.SkippedEntry;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.ProgressBar;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class PackCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("pack")
            .group("backup")
            .summary("Encrypt a folder into a bundle and write its signed manifest.json (no network)")
            .option(OptionSpec.value("input", "DIR", "the folder to back up").mandatory().completes(OptionSpec.Completion.DIRECTORY))
            .option(OptionSpec.value("out", "FILE", "the bundle file to write").mandatory().completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("manifest", "FILE", "where to write manifest.json (default: FILE.manifest.json)")
                    .completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("compression", "KIND", "zstd (default), gzip or none").choices("zstd", "gzip", "none")
                    .defaultsTo("zstd"))
            .option(OptionSpec.value("level", "N", "compression level (zstd 1-19, default 3; gzip 1-9, default 6)"))
            .example("pack --input memory/ --out /tmp/vault/memory.bundle --manifest /tmp/vault/manifest.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        Compression compression = Compression.fromLabel(args.get("compression").orElse("zstd"));
        Integer level = args.longValue("level", 1, 19).map(Long::intValue).orElse(null);
        Path out = args.requirePath("out");
        Path manifest = args.path("manifest").orElse(out.resolveSibling(out.getFileName() + ".manifest.json"));
        PackResult r;
        try (ProgressBar bar = ProgressBar.of(ctx)) {
            r = BundlePacker.builder()
                    .key(ArweaveSupport.ethKey(ctx))
                    .localPack(RollbackIndex.localPacks(ctx.home().ensure()), RollbackIndex.forHome(ctx.home()))
                    .clock(ctx.clock())
                    .compression(compression)
                    .level(level)
                    .progress(bar)
                    .build()
                    .pack(args.requirePath("input"), out);
        }
        r.envelope().write(manifest);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bundle", r.bundle().toString());
        data.put("manifest", manifest.toAbsolutePath().toString());
        data.put("bundle_sha256", r.bundleSha256());
        data.put("bundle_size", r.bundleSize());
        data.put("manifest_sha256", r.manifest().sha256());
        data.put("eth_address", r.manifest().address());
        data.put("sequence", r.manifest().sequence());
        data.put("files", r.manifest().fileCount());
        data.put("dirs", r.manifest().dirCount());
        data.put("total_bytes", r.manifest().totalBytes());
        data.put("compression", r.manifest().compression().label());
        data.put("skipped", r.skipped().stream().map(s -> Map.of("path", s.path(), "reason", s.reason())).toList());
        String text = "packed " + r.manifest().fileCount() + " files (" + r.manifest().totalBytes() + " bytes) into "
                + r.bundle() + " (" + r.bundleSize() + " bytes)\n"
                + "sequence " + r.manifest().sequence() + " for " + r.manifest().address() + "\n"
                + "bundle sha256 " + r.bundleSha256() + "\n"
                + "manifest " + manifest;
        List<String> warnings = r.skipped().stream().map(PackCommand::warning).toList();
        return CommandResult.of(text, data).withWarnings(warnings);
    }

    private static String warning(SkippedEntry s) {
        return "skipped " + s.path() + ": " + s.reason() + " (not backed up)";
    }
}
