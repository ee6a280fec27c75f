package dev.memos.shell.cmd;

import dev.memos.app.legacy.LegacyInspect;
import dev.memos.backup.BundleHeader;
import dev.memos.backup.BundleKeys;
import dev.memos.backup.BundleReader;
import dev.memos.backup.FileEntry;
import dev.memos.backup.Manifest;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class InspectCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("inspect")
            .group("backup")
            .summary("Show a bundle's public header; with the key unlocked also its manifest and inventory (or an original MemOS manifest)")
            .option(OptionSpec.positional("file", "the bundle to inspect").mandatory().completes(OptionSpec.Completion.FILE))
            .example("inspect /tmp/vault/memory.bundle")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) throws Exception {
        Path file = args.requirePath("file");
        Optional<LegacyInspect.Result> legacy = LegacyInspect.describe(file);
        if (legacy.isPresent()) {
            return LegacyViews.inspected(legacy.get());
        }
        BundleHeader h = BundleHeader.read(file);
        long size = Files.size(file);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("format_version", h.version());
        data.put("compression", h.compression().label());
        data.put("chunk_size", h.chunkSize());
        data.put("salt", h.saltHex());
        data.put("size", size);
        data.put("chunks", h.layout(size).chunks());
        StringBuilder text = new StringBuilder("memos bundle v" + h.version() + ", " + h.compression() + ", "
                + h.chunkSize() + "-byte chunks, " + size + " bytes, " + h.layout(size).chunks() + " chunks");
        Optional<EthPrivateKey> key = ctx.session().peekEthKey();
        if (key.isEmpty() && ctx.env().containsKey(EthPrivateKey.ENV)) {
            key = Optional.of(ctx.session().unlock());
        }
        if (key.isEmpty()) {
            text.append("\n(locked: unlock the key to see the manifest and inventory)");
            data.put("manifest", null);
            return CommandResult.of(text.toString(), data);
        }
        try (BundleKeys keys = BundleKeys.derive(key.get())) {
            Manifest m;
            try {
                m = BundleReader.open(file, keys).manifest();
            } catch (MemosException e) {
                if (e.kind() != ErrorKind.AUTH) {
                    throw e;
                }
                text.append("\n(not made with the unlocked key ").append(keys.address()).append(": manifest not shown)");
                data.put("manifest", null);
                return CommandResult.of(text.toString(), data);
            }
            data.put("manifest_sha256", m.sha256());
            data.put("manifest", dev.memos.encoding.Json.mapper().convertValue(m.toJson(), Map.class));
            text.append("\nsequence ").append(m.sequence()).append(" of ").append(m.address()).append(", made ").append(m.createdAt())
                    .append("\nprevious manifest ").append(m.previousManifestSha256().orElse("(none)"))
                    .append("\n").append(m.fileCount()).append(" files, ").append(m.dirCount()).append(" folders, ")
                    .append(m.totalBytes()).append(" bytes:");
            for (FileEntry f : m.files()) {
                text.append(String.format("%n  %s %04o %12s  %s", f.isDirectory() ? "d" : "-", f.mode(),
                        f.isDirectory() ? "" : Long.toString(f.size()), f.path() + (f.isDirectory() ? "/" : "")));
            }
        }
        return CommandResult.of(text.toString(), data);
    }
}
