package dev.memos.shell.cmd;

import dev.memos.app.legacy.LegacyDiscovery;
import dev.memos.app.legacy.LegacyLatest;
import dev.memos.app.backup.BundleRestores;
import dev.memos.shell.Args;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.shell.CommandResult;
import dev.memos.shell.Context;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The hooks that let list and restore --latest see the original MemOS's backups, one call each,
 * so ListCommand and RestoreCommand change by a line and the policy stays in dev.memos.app.legacy.
 */
final class LegacySupport {
    private LegacySupport() {
    }

    /** A listed original backup (marked legacy); sequence and times are null when it did not verify. */
    record Row(Long sequence, Long createdAt, Long unixTime, String txId, String bundleTxId, String verification, boolean legacy) {
    }

    /** The original's backups for {@code list}. */
    record Listing(List<Row> rows, Set<String> itemIds) {
        /** memos' own entries without the original's items (its query matches their App-Name too). */
        List<BundleRestores.Entry> withoutLegacy(List<BundleRestores.Entry> entries) {
            return entries.stream().filter(e -> !itemIds.contains(e.txId())).toList();
        }

        void appendText(StringBuilder text) {
            for (Row r : rows) {
                text.append('\n').append(String.format("%-10s %-20s %-43s %12s  %s", r.sequence() == null ? "?" : r.sequence(),
                        r.createdAt() == null ? "?" : Instant.ofEpochSecond(r.createdAt()).toString(), r.txId(), "",
                        "legacy (original MemOS) " + r.verification()));
            }
        }
    }

    static Listing list(Context ctx, EthPrivateKey key) {
        List<LegacyDiscovery.Found> found = new LegacyDiscovery(key, ArweaveSupport.network(ctx)).find();
        List<Row> rows = found.stream().map(f -> new Row(f.verified() ? f.manifest().sequence() : null,
                f.verified() ? f.manifest().createdAt() : null, f.unixTime(), f.manifestTxId(), f.bundleTxId(),
                f.verified() ? "verified" : "unverified", true)).toList();
        Set<String> ids = found.stream().flatMap(f -> Stream.of(f.manifestTxId(), f.bundleTxId()))
                .filter(Objects::nonNull).collect(Collectors.toSet());
        return new Listing(rows, ids);
    }

    /** restore --latest: the original's newest backup if it is newer than memos' own of either kind; empty otherwise. */
    static Optional<CommandResult> restoreLatest(Args args, Context ctx, EthPrivateKey key, LongSupplier memosHighest) {
        List<String> snapshotOnly = Stream.of("include", "identities").filter(args::has).toList();
        return new LegacyLatest(ctx.home(), key, new LegacyDiscovery(key, ArweaveSupport.network(ctx)))
                .restoreIfNewer(new LegacyLatest.Request(args.path("out").orElse(null), args.flag("force"), args.flag("ignore-rollback"),
                        memosHighest, snapshotOnly))
                .map(LegacyViews::restored);
    }
}
