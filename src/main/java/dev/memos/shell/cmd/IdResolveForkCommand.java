package dev.memos.shell.cmd;

import dev.memos.app.identity.KnownKeyPolicy;
import dev.memos.ring.ForkGuard;
import dev.memos.ring.RingStore;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.RingSessions;
import dev.memos.identity.KnownKeys;
import dev.memos.ring.ForkProof;
import dev.memos.ring.SignedHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

public final class IdResolveForkCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id resolve-fork")
            .group("id")
            .summary("Operator only: declare this copy genuine after a fork proven under this identity's key; lifts the quarantine, recorded in the chain")
            .option(OptionSpec.value("note", "TEXT", "why this copy is the genuine one (kept in the chain digest)").mandatory())
            .option(OptionSpec.flag("confirm", "required: the other copy must be destroyed first"))
            .example("id resolve-fork --note \"clone on host B wiped\" --confirm")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        if (!args.flag("confirm")) {
            throw dev.memos.error.MemosException.usage("add --confirm once the other copy of the identity is destroyed");
        }
        RingStore store = RingSessions.open(ctx);
        requireBoundToKnownKey(ctx, store);
        ForkGuard.resolve(store, args.require("note"));
        return CommandResult.of("quarantine of " + store.head().id() + " lifted; the resolution is chain step " + store.head().step()
                + " (it lowers the trust score)", Map.of("id", store.head().id(), "step", store.head().step()));
    }

    /**
     * The fork proof behind the quarantine must be signed by the ID's known key (here: this home's
     * identity), both heads; one signed by another key proves nothing about this identity.
     */
    private static void requireBoundToKnownKey(Context ctx, RingStore store) {
        Path file = store.file().resolveSibling(RingStore.FORK_PROOF);
        if (!Files.exists(file)) {
            return;
        }
        ForkProof proof = ForkProof.fromJson(RingSessions.readJson(file, "fork proof"));
        KnownKeys keys = KnownKeySupport.resolver(ctx);
        for (SignedHead h : List.of(proof.first(), proof.second())) {
            h.requireValid("the stored fork proof");
            KnownKeyPolicy.check(keys, store.head().id(), h.algorithm(), h.publicKey(), false);
        }
    }
}
