package dev.memos.shell.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.error.MemosException;
import dev.memos.ring.ForkGuard;
import dev.memos.ring.RingProofs;
import dev.memos.ring.RingStore;
import dev.memos.ring.SignedHead;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.RingSessions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

public final class IdVerifyProofCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id verify-proof")
            .group("id")
            .summary("Check another agent's proof (no key needed); with --known its chain must extend that checkpoint")
            .option(OptionSpec.positional("proof", "the proof JSON").mandatory().completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("known", "F", "the last checkpoint you saw of that identity").completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("challenge", "C", "the challenge you sent (refuses a proof answering another)"))
            .option(OptionSpec.value("fork-output", "F", "where to write a fork proof if the chains diverge").completes(OptionSpec.Completion.FILE))
            .example("id verify-proof proof.json --known checkpoint.json --challenge 7f3a9c")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        JsonNode proof = RingSessions.readJson(args.requirePath("proof"), "proof");
        SignedHead known = args.path("known").map(RingSessions::readCheckpoint).orElse(null);
        RingProofs.Check c = RingProofs.verifyProof(proof, args.get("challenge").orElse(null), known,
                ctx.clock().instant().getEpochSecond());
        // A proof of our own identity from elsewhere is a peer checkpoint: a divergence means we were cloned.
        String local = ctx.session().activeIdentityId().orElse(null);
        if (c.head() != null && c.head().id().equals(local) && c.keyOk()) {
            RingStore store = RingSessions.open(ctx);
            if (ForkGuard.check(store, c.head()) == dev.memos.ring.RingVerifier.Standing.FORK) {
                throw MemosException.integrity("fork: this proof and the local memory of " + local + " diverge; " + local
                        + " is quarantined and the fork proof is in " + store.file().resolveSibling(RingStore.FORK_PROOF));
            }
        }
        if (c.fork() != null && args.path("fork-output").isPresent()) {
            RingSessions.writeJson(args.path("fork-output").get(), c.fork().toJson());
        }
        CommandResult r = report(c, "proof of " + (c.head() == null ? "?" : c.head().id()));
        if (!c.ok()) {
            throw MemosException.integrity("proof rejected: " + String.join("; ", c.problems())
                    + (c.fork() != null && args.path("fork-output").isEmpty() ? " (add --fork-output F to save the fork proof)" : ""));
        }
        return r;
    }

    static CommandResult report(RingProofs.Check c, String what) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", c.ok());
        data.put("keyOk", c.keyOk());
        data.put("memoryOk", c.memoryOk());
        data.put("id", c.head() == null ? null : c.head().id());
        data.put("step", c.head() == null ? null : c.head().step());
        data.put("standing", c.standing() == null ? null : c.standing().name().toLowerCase(java.util.Locale.ROOT));
        data.put("trust", c.trust() == null ? null : c.trust().parts());
        data.put("problems", c.problems());
        String text = what + ": key " + (c.keyOk() ? "valid" : "INVALID") + ", memory chain " + (c.memoryOk() ? "matches" : "DOES NOT MATCH")
                + (c.trust() == null ? "" : ", trust " + c.trust().score() + " (" + c.trust().tier() + ")")
                + (c.ok() ? " — authenticated" : " — rejected");
        return CommandResult.of(text, data);
    }
}
