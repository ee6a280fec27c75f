package dev.memos.shell.cmd;

import dev.memos.app.identity.KnownKeyPolicy;
import dev.memos.identity.KnownKey;
import dev.memos.identity.KnownKeys;
import dev.memos.ring.ForkProof;
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

public final class IdCheckForkCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id check-fork")
            .group("id")
            .summary("Check a fork proof: two diverging heads, both signed by the key known for the ID; needs no secret")
            .option(OptionSpec.positional("proof", "the fork proof JSON").mandatory().completes(OptionSpec.Completion.FILE))
            .option(KnownKeySupport.TRUST_ON_FIRST_USE)
            .example("id check-fork fork-proof.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        ForkProof proof = ForkProof.fromJson(RingSessions.readJson(args.requirePath("proof"), "fork proof"));
        proof.check();
        // check() proved both heads carry one key; a fork is only proven if that key is the ID's known key,
        // otherwise anyone could frame any ID as a clone with a key of their own.
        SignedHead first = proof.first();
        String id = first.id();
        KnownKeys keys = KnownKeySupport.resolver(ctx);
        boolean tofu = args.flag("trust-on-first-use");
        Optional<KnownKey> bound = KnownKeyPolicy.check(keys, id, first.algorithm(), first.publicKey(), tofu);
        KnownKey k = KnownKeySupport.pinAfterSuccess(ctx, keys, bound, id, first.algorithm(), first.publicKey(),
                "trust on first use of a fork proof, " + LocalDate.ofInstant(ctx.clock().instant(), ZoneOffset.UTC));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fork", true);
        data.put("id", id);
        data.put("first_step", first.step());
        data.put("second_step", proof.second().step());
        KnownKeySupport.describe(data, k, bound.isEmpty());
        return CommandResult.of("fork proven: " + id + " signed two diverging chains (steps " + first.step() + " and "
                + proof.second().step() + ") with its " + KnownKeySupport.text(k, bound.isEmpty()) + "; treat it as cloned", data);
    }
}
