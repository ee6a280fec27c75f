package dev.memos.shell.cmd;

import dev.memos.arweave.ArweaveId;
import dev.memos.arweave.Downloader;
import dev.memos.arweave.StatusLookup;
import dev.memos.arweave.TxStatus;
import dev.memos.arweave.TxIdList;
import dev.memos.backup.ManifestEnvelope;
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
import java.util.List;
import java.util.Map;

public final class DownloadCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("download")
            .group("arweave")
            .summary("Download data by id from the gateways, verify it (SHA-256 or the signed data_root), then move it into place")
            .option(OptionSpec.value("tx-id", "ID", "transaction or data item id").mandatory().completes(OptionSpec.Completion.TX_ID))
            .option(OptionSpec.value("out", "FILE", "where to write it").completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("expected-sha256", "HEX", "the SHA-256 the bytes must have"))
            .option(OptionSpec.value("manifest", "FILE", "take the expected SHA-256 from this manifest.json")
                    .completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.flag("status-only", "print Not found / Pending / Confirmed (n) and download nothing"))
            .option(OptionSpec.flag("unverified", "if there is nothing to verify against (a data item), download unchecked (loud warning)"))
            .example("download --tx-id AbC… --out memory.bundle --expected-sha256 9f86…")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        String id = ArweaveId.require(args.require("tx-id").strip(), "--tx-id");
        Downloader downloader = ArweaveSupport.network(ctx).downloader();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tx_id", id);
        if (args.flag("status-only")) {
            TxStatus s = new StatusLookup(ArweaveSupport.network(ctx)).status(id);
            data.put("status", s.state().name().toLowerCase(java.util.Locale.ROOT));
            data.put("confirmations", s.confirmations());
            return CommandResult.of(s.describe(), data);
        }
        Path out = args.path("out").orElseThrow(() -> MemosException.usage("missing --out FILE (or use --status-only)"));
        String expected = args.get("expected-sha256").map(String::strip).orElse(null);
        if (args.has("manifest")) {
            String fromManifest = ManifestEnvelope.read(args.requirePath("manifest")).bundleSha256();
            if (expected != null && !expected.equalsIgnoreCase(fromManifest)) {
                throw MemosException.usage("--expected-sha256 and --manifest disagree: pass only one");
            }
            expected = fromManifest;
        }
        if (expected != null && !expected.matches("[0-9a-fA-F]{64}")) {
            throw MemosException.usage("--expected-sha256 takes 64 hex digits");
        }
        if (Files.isDirectory(out)) {
            throw MemosException.usage("--out " + out + " is a directory: give a file name");
        }
        boolean unverified = args.flag("unverified");
        Downloader.Expect expect = downloader.expectFor(id, expected == null ? null : expected.toLowerCase(java.util.Locale.ROOT),
                unverified);
        String verification = expect.kind();
        Downloader.Result r = downloader.download(id, out, expect);
        TxIdList.add(ArweaveSupport.txIds(ctx), List.of(id));
        data.put("out", r.file().toString());
        data.put("bytes", r.bytes());
        data.put("sha256", r.sha256());
        data.put("gateway", r.gateway());
        data.put("verification", verification);
        String how = switch (verification) {
            case "sha256" -> "SHA-256 verified " + r.sha256();
            case "data_root" -> "verified against the signed data_root of transaction " + id + " (SHA-256 " + r.sha256() + ")";
            default -> "UNVERIFIED (SHA-256 " + r.sha256() + ")";
        };
        CommandResult result = CommandResult.of("downloaded " + r.bytes() + " bytes to " + r.file() + " from " + r.gateway()
                + "; " + how, data);
        if (verification.equals("unverified")) {
            String warning = "UNVERIFIED download: nothing checked that these bytes are the data of " + id
                    + "; a gateway could have sent anything. Do not trust " + r.file() + " without another check";
            if (ctx.global().json()) {
                ctx.err().println("memos: warning: " + warning); // people running --json still see it
            }
            result = result.withWarnings(List.of(warning));
        }
        return result;
    }
}
