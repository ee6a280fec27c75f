package dev.memos.shell.cmd;

import dev.memos.arweave.Winston;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

public final class PriceCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("price")
            .group("arweave")
            .summary("What storing N bytes costs on the profile's node (winston and AR)")
            .option(OptionSpec.value("bytes", "N", "number of bytes").mandatory())
            .option(OptionSpec.flag("turbo", "ask Turbo's payment service instead (winc, Turbo credits)"))
            .example("price --bytes 1048576")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        long bytes = args.longValue("bytes", 0, Long.MAX_VALUE / 2).orElseThrow();
        var net = ArweaveSupport.network(ctx);
        if (args.flag("turbo")) {
            if (ctx.profile().devnet()) {
                throw dev.memos.error.MemosException.usage("Turbo is a mainnet service: use --profile mainnet");
            }
            BigInteger winc = net.turbo("ethereum").price(bytes);
            return CommandResult.of(bytes + " bytes: " + winc + " winc in Turbo credits",
                    Map.of("bytes", bytes, "winc", winc.toString(), "service", "turbo"));
        }
        BigInteger winston = net.retry().run(() -> net.node().price(bytes));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bytes", bytes);
        data.put("winston", winston.toString());
        data.put("ar", Winston.toAr(winston));
        data.put("profile", ctx.profile().name());
        return CommandResult.of(bytes + " bytes: " + Winston.toAr(winston) + " AR (" + winston + " winston) on "
                + ctx.profile().name(), data);
    }
}
