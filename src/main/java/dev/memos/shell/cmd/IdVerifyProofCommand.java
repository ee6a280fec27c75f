package dev.memos.shell.cmd;

import dev.memos.app.identity.KnownKeyPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.error.MemosException;
import dev.memos.identity.KnownKey;
import dev.memos.identity.KnownKeys;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class IdVerifyProofCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id verify-proof")
            .group("id")
            .summary("Check another agent's proof against the key known for its ID (this home, a pin, or its inception record)")
            .option(OptionSpec.positional("proof", "the proof JSON").mandatory().completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("known", "F", "the last checkpoint you saw of that identity").completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("challenge", "C", "the challenge you sent (refuses a proof answering another; without it freshness is not checked)"))
            .option(OptionSpec.flag("strict", "fail (exit 3) unless freshness was checked with --challenge"))
            .option(KnownKeySupport.TRUST_ON_FIRST_USE)
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
        String challenge = args.get("challenge").orElse(null);
        RingProofs.Check c = RingProofs.verifyProof(proof, challenge, known, ctx.clock().instant().getEpochSecond());
        // The proof's key says nothing by itself (anyone can make a key and sign a chain for any ID):
        // it must be the key known for the ID before anything else counts.
        boolean tofu = args.flag("trust-on-first-use");
        KnownKeys keys = KnownKeySupport.resolver(ctx);
        SignedHead head = c.head();
        Optional<KnownKey> bound = KnownKeyPolicy.check(keys, head.id(), head.algorithm(), head.publicKey(), tofu);
        // A proof of our own identity from elsewhere is a peer checkpoint: a divergence means we were cloned.
        String local = ctx.session().activeIdentityId().orElse(null);
        if (head.id().equals(local) && c.keyOk()) {
            RingStore store = RingSessions.open(ctx);
            if (ForkGuard.check(store, head) == dev.memos.ring.RingVerifier.Standing.FORK) {
                throw MemosException.integrity("fork: this proof and the local memory of " + local + " diverge; " + local
                        + " is quarantined and the fork proof is in " + store.file().resolveSibling(RingStore.FORK_PROOF));
            }
        }
        if (c.fork() != null && args.path("fork-output").isPresent()) {
            RingSessions.writeJson(args.path("fork-output").get(), c.fork().toJson());
        }
        if (!c.ok()) {
            throw MemosException.integrity("proof rejected: " + String.join("; ", c.problems())
                    + (c.fork() != null && args.path("fork-output").isEmpty() ? " (add --fork-output F to save the fork proof)" : ""));
        }
        boolean fresh = challenge != null;
        if (!fresh && args.flag("strict")) {
            throw MemosException.auth("proof of " + head.id() + " verified, but freshness was not checked: --strict needs"
                    + " --challenge C (the value you sent), else a replayed old proof passes");
        }
        KnownKey k = KnownKeySupport.pinAfterSuccess(ctx, keys, bound, head.id(), head.algorithm(), head.publicKey(),
                "trust on first use of a proof, " + LocalDate.ofInstant(ctx.clock().instant(), ZoneOffset.UTC));
        Map<String, Object> data = reportData(c);
        KnownKeySupport.describe(data, k, bound.isEmpty());
        data.put("freshness_checked", fresh);
        String text = reportText(c, "proof of " + head.id()) + "\n" + KnownKeySupport.text(k, bound.isEmpty()) + "\nfreshness: "
                + (fresh ? "checked (answers challenge " + challenge + ")" : "NOT checked: no --challenge, this may be a replayed old proof");
        return CommandResult.of(text, data);
    }

    static CommandResult report(RingProofs.Check c, String what) {
        return CommandResult.of(reportText(c, what), reportData(c));
    }

    private static Map<String, Object> reportData(RingProofs.Check c) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", c.ok());
        data.put("key_ok", c.keyOk());
        data.put("memory_ok", c.memoryOk());
        data.put("id", c.head() == null ? null : c.head().id());
        data.put("step", c.head() == null ? null : c.head().step());
        data.put("standing", c.standing() == null ? null : c.standing().name().toLowerCase(java.util.Locale.ROOT));
        data.put("trust", c.trust() == null ? null : c.trust().parts());
        data.put("problems", c.problems());
        return data;
    }

    private static String reportText(RingProofs.Check c, String what) {
        return what + ": key " + (c.keyOk() ? "valid" : "INVALID") + ", memory chain " + (c.memoryOk() ? "matches" : "DOES NOT MATCH")
                + (c.trust() == null ? "" : ", trust " + c.trust().score() + " (" + c.trust().tier() + ")")
                + (c.ok() ? " — authenticated" : " — rejected");
    }
}
