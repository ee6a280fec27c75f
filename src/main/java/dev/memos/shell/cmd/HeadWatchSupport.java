package dev.memos.shell.cmd;

import dev.memos.app.identity.HeadWatch;
import dev.memos.arweave.ArweaveGateway;
import dev.memos.arweave.Network;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.ring.RingStore;
import dev.memos.shell.Context;
import dev.memos.shell.RingSessions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Wires {@link HeadWatch} to the profile's Arweave path, and the small hooks {@code unlock},
 * {@code backup} and {@code mem add} call (FORMAT.md §13.5). A hook never fails its command for a
 * network problem (a warning says the check did not run); a fork always does, with exit 10.
 */
public final class HeadWatchSupport {
    private HeadWatchSupport() {
    }

    public static HeadWatch watch(Context ctx, String id) {
        return HeadWatch.builder().channel(channel(ctx)).clock(ctx.clock()).stateFile(stateFile(ctx, id)).build();
    }

    private static java.nio.file.Path stateFile(Context ctx, String id) {
        return ctx.home().resolve("identities").resolve(id).resolve("head-watch-" + ctx.profile().name() + ".json");
    }

    /** Whether an uploader key is at hand without asking (a hook never prompts). */
    public static boolean mayPublish(Context ctx) {
        return ctx.session().peekEthKey().isPresent() || ctx.env().containsKey(EthPrivateKey.ENV);
    }

    /** The profile's Arweave path for head items (also what {@code token verify --min-trust} reads). */
    static HeadWatch.Channel channel(Context ctx) {
        return new HeadWatch.Channel() {
            @Override
            public String upload(byte[] data, java.util.Map<String, String> tags) {
                return ArweaveSupport.checkpointUploader(ctx).upload(data, tags);
            }

            @Override
            public List<HeadWatch.Candidate> list(java.util.Map<String, String> tags) {
                return ArweaveSupport.network(ctx).discovery().find(tags).stream()
                        .filter(h -> h.id().matches("[A-Za-z0-9_-]{43}"))
                        .map(h -> new HeadWatch.Candidate(h.id(), h.height())).toList();
            }

            @Override
            public Optional<byte[]> fetch(String txId, int maxBytes) {
                Network n = ArweaveSupport.network(ctx);
                ArweaveGateway g = n.gateways().get(0);
                Optional<InputStream> in = g.data(txId);
                if (in.isEmpty()) {
                    return Optional.empty();
                }
                try (InputStream s = in.get()) {
                    return Optional.of(s.readNBytes(maxBytes + 1));
                } catch (IOException e) {
                    throw MemosException.network("cannot read chain head " + txId + " from " + g.base() + " (" + e.getMessage() + ")", e);
                }
            }
        };
    }

    /** The exit-10 error for a fork found by a watch. */
    static MemosException forkError(HeadWatch.Result r) {
        return HeadWatch.forkError(r);
    }

    /**
     * The hook of {@code unlock} ({@code mem add} runs it in MemoryService): once this identity watches on this profile (its
     * first backup or {@code id watch} started it), publishes a changed head and checks, each at most
     * once an hour. An identity never backed up is not sent to the network by a memory write.
     */
    public static List<String> ifWatched(Context ctx, RingStore store) {
        return Files.exists(stateFile(ctx, store.head().id())) ? hook(ctx, store) : List.of();
    }

    /** Publishes a changed head and checks, each at most once an hour. Returns warnings; throws exit 10 on a fork. */
    static List<String> hook(Context ctx, RingStore store) {
        HeadWatch.Result r;
        try {
            r = watch(ctx, store.head().id()).run(new HeadWatch.Request(store, false, mayPublish(ctx)));
        } catch (MemosException e) {
            if (e.kind() == ErrorKind.FORK_DETECTED) {
                throw e;
            }
            return List.of("clone check of " + store.head().id() + " did not run (" + e.getMessage() + "): run 'memos id watch'");
        }
        if (r.fork()) {
            throw forkError(r);
        }
        return List.of();
    }

    /** The hook for the identity this process can use without a prompt (after a backup); nothing if none has memory. */
    static List<String> afterBackup(Context ctx, Optional<UnlockedIdentity> u) {
        if (u.isEmpty() || !Files.exists(ctx.home().resolve("identities").resolve(u.get().id().toString()).resolve("rings")
                .resolve(RingStore.FILE))) {
            return List.of();
        }
        try {
            return hook(ctx, RingSessions.openFor(ctx, u.get().id().toString(), u.get().signer()));
        } catch (MemosException e) {
            if (e.kind() == ErrorKind.FORK_DETECTED) {
                throw e;
            }
            return List.of("clone check of " + u.get().id() + " did not run (" + e.getMessage() + ")");
        }
    }
}
