package dev.memos.shell.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.arweave.x402.PaymentRequirements;
import dev.memos.arweave.x402.X402Network;
import dev.memos.arweave.x402.X402Payer;
import dev.memos.crypto.EthSigner;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

public final class X402AuthorizeCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("x402 authorize")
            .group("arweave")
            .summary("Sign an x402 payment for a 402 answer's requirements and print the X-PAYMENT header")
            .option(OptionSpec.value("requirements", "FILE", "the 402 body (or one requirements object)").mandatory()
                    .completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("max-usdc", "N", "refuse to pay more than this").defaultsTo("1"))
            .option(OptionSpec.value("network", "NET", "network to pay on").choices("base", "base-sepolia").defaultsTo("base"))
            .example("x402 authorize --requirements 402.json --max-usdc 0.10 --network base-sepolia")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) throws IOException {
        Path file = args.requirePath("requirements");
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw MemosException.usage("--requirements " + file + " does not exist");
        }
        X402Network network = X402Network.byId(args.get("network").orElse("base"));
        var cap = X402Payer.usdcToAtomic(args.get("max-usdc").orElse("1"));
        X402Payer payer = new X402Payer(EthSigner.of(ArweaveSupport.ethKey(ctx)), network, cap, ctx.clock(), p -> { },
                new X402Payer.OptionNames("--network", "--max-usdc"));
        PaymentRequirements chosen = payer.choose(X402Payer.parse402(asBody(body)));
        String header = payer.authorize(chosen);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("header", "X-PAYMENT");
        data.put("value", header);
        data.put("network", network.id());
        data.put("amount_usdc", X402Payer.atomicToUsdc(chosen.maxAmountRequired()));
        data.put("pay_to", chosen.payTo().checksummed());
        // A signed authorization is money the holder of the header can move: recorded like a payment.
        Map<String, String> audit = ArweaveSupport.paymentDetails(new X402Payer.Payment(chosen.network(),
                chosen.maxAmountRequired(), chosen.payTo().checksummed(), chosen.resource(), null));
        audit.put("settlement_tx", "not sent (header printed by x402 authorize)");
        return CommandResult.of("X-PAYMENT: " + header, data).withWarnings(ctx.audit(dev.memos.audit.AuditEvents.X402_PAYMENT, audit));
    }

    /** Accepts a full 402 body, or a bare requirements object, which it wraps as one. */
    static byte[] asBody(byte[] raw) throws IOException {
        JsonNode n;
        try {
            n = Json.mapper().readTree(raw);
        } catch (IOException e) {
            throw MemosException.payment("the requirements file is not JSON; nothing was signed");
        }
        if (n != null && n.isObject() && !n.has("accepts") && n.has("scheme")) {
            ObjectNode wrapped = Json.mapper().createObjectNode();
            wrapped.put("x402Version", 1);
            ArrayNode a = wrapped.putArray("accepts");
            a.add(n);
            return Json.mapper().writeValueAsBytes(wrapped);
        }
        return raw;
    }
}
