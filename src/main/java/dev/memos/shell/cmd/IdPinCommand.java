package dev.memos.shell.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.error.MemosException;
import dev.memos.identity.IdPins;
import dev.memos.identity.KnownKey;
import dev.memos.identity.KnownKeys;
import dev.memos.identity.MociId;
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

public final class IdPinCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id pin")
            .group("id")
            .summary("Trust a key for another identity's ID (given by its owner, or taken from a proof): proofs, fork proofs and tokens of that ID must then be signed by it")
            .option(OptionSpec.positional("id", "the identity ID").mandatory())
            .option(OptionSpec.value("key", "PUBLIC_KEY", "the identity's public key, base64url (as 'id status --json' shows it in hex, or the owner sends it)"))
            .option(OptionSpec.value("alg", "ALG", "the key's algorithm").choices("ed25519", "ecdsa-p256-sha256").defaultsTo("ed25519"))
            .option(OptionSpec.value("from-proof", "F", "take the key from this proof or checkpoint file (its signature must verify)")
                    .completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.flag("replace", "replace a different key pinned before"))
            .example("id pin CW-NOVA.R7KMX2-AA --from-proof proof.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        MociId id = IdSupport.parseId(args.require("id"));
        if (args.has("key") == args.has("from-proof")) {
            throw MemosException.usage("give exactly one of --key K and --from-proof F");
        }
        String day = LocalDate.ofInstant(ctx.clock().instant(), ZoneOffset.UTC).toString();
        KnownKey key;
        if (args.has("key")) {
            SignatureAlgorithm alg = SignatureAlgorithm.fromId(args.get("alg").orElse("ed25519"));
            byte[] raw = decodeKey(args.require("key"), alg);
            key = new KnownKey(id.toString(), alg, raw, KnownKey.Source.PIN, "given, " + day);
        } else {
            SignedHead head = headOf(RingSessions.readJson(args.requirePath("from-proof"), "proof"));
            head.requireValid("--from-proof");
            if (!head.id().equals(id.toString())) {
                throw MemosException.usage("--from-proof is a proof of " + head.id() + ", not of " + id);
            }
            key = new KnownKey(id.toString(), head.algorithm(), head.publicKey(), KnownKey.Source.PIN, "from a proof, " + day);
        }
        IdPins pins = dev.memos.identity.IdPins.of(ctx.home());
        Optional<KnownKey> pinned = pins.get(id.toString());
        if (pinned.isPresent() && !pinned.get().matches(key.algorithm(), key.publicKey()) && !args.flag("replace")) {
            throw KnownKeys.mismatch(id.toString(), key.publicKey(), pinned.get());
        }
        if (IdSupport.store(ctx, new IdSupport.Warnings()).info(id).isPresent()) {
            throw MemosException.usage(id + " is an identity of this home: its key is known already and a pin would never be consulted");
        }
        pins.put(key);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id.toString());
        data.put("algorithm", key.algorithm().id());
        data.put("public_key", Base64Url.encode(key.publicKey()));
        data.put("fingerprint", key.fingerprint());
        data.put("replaced", pinned.filter(p -> !p.matches(key.algorithm(), key.publicKey())).map(KnownKey::fingerprint).orElse(null));
        boolean replaced = data.get("replaced") != null;
        return CommandResult.of("pinned key " + key.fingerprint() + " for " + id + " (" + key.origin() + ")", data)
                .withWarnings(KnownKeySupport.auditPin(ctx, id.toString(), replaced ? "replaced" : "pinned", key));
    }

    /** The head of a proof ({@code memos-ring-proof-v1}), or the file itself when it is a checkpoint. */
    private static SignedHead headOf(JsonNode n) {
        return SignedHead.fromJson(n.has("head") ? n.get("head") : n);
    }

    private static byte[] decodeKey(String text, SignatureAlgorithm alg) {
        int want = alg == SignatureAlgorithm.ED25519 ? 32 : 65;
        byte[] raw;
        try {
            raw = Base64Url.decode(text);
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != want || !Base64Url.encode(raw).equals(text)) {
            throw MemosException.usage("--key must be the " + want + "-byte " + alg.id() + " public key in unpadded base64url");
        }
        return raw;
    }
}
