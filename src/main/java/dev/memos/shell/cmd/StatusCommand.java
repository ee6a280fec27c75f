package dev.memos.shell.cmd;

import dev.memos.arweave.BackupState;
import dev.memos.arweave.JwkWallet;
import dev.memos.arweave.Network;
import dev.memos.arweave.Retry;
import dev.memos.arweave.Winston;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class StatusCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("status")
            .group("arweave")
            .summary("Address, profile, node reachability, balances and the last backup")
            .option(ArweaveSupport.WALLET)
            .example("status")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        Optional<EthPrivateKey> key = ctx.session().isUnlocked() || ctx.env().containsKey(EthPrivateKey.ENV)
                ? Optional.of(ctx.session().ethKey()) : Optional.empty();
        String address = key.map(k -> k.address().checksummed()).orElse(null);
        data.put("address", address);
        lines.add("address   " + (address == null ? "locked (set ETH_PRIVATE_KEY or run 'unlock')" : address));
        data.put("profile", ctx.profile().name());
        data.put("home", ctx.home().toString());
        lines.add("profile   " + ctx.profile().name() + " (node " + ctx.profile().node() + ")");
        lines.add("home      " + ctx.home());
        Network net = new Network(ctx.profile(), Retry.NONE);
        long height = -1;
        try {
            height = net.node().info().path("height").asLong(-1);
            lines.add("node      reachable, height " + height);
        } catch (MemosException e) {
            lines.add("node      unreachable: " + e.getMessage());
        }
        data.put("node_reachable", height >= 0);
        data.put("height", height);
        Optional<Path> wallet = ArweaveSupport.walletPath(args, ctx);
        if (ctx.profile().devnet() && wallet.isEmpty() && Files.exists(ctx.home().resolve(ArweaveSupport.DEVNET_WALLET))) {
            wallet = Optional.of(ctx.home().resolve(ArweaveSupport.DEVNET_WALLET));
        }
        if (wallet.isPresent() && height >= 0) {
            try {
                String w = JwkWallet.load(wallet.get()).address();
                String ar = Winston.toAr(net.node().balance(w));
                data.put("wallet", w);
                data.put("wallet_ar", ar);
                lines.add("wallet    " + w + ": " + ar + " AR");
            } catch (MemosException e) {
                lines.add("wallet    " + e.getMessage());
            }
        }
        if (!ctx.profile().devnet() && address != null) {
            try {
                String winc = net.turbo("ethereum").balance(address.toLowerCase(java.util.Locale.ROOT)).toString();
                data.put("turbo_winc", winc);
                lines.add("turbo     " + winc + " winc");
            } catch (MemosException e) {
                lines.add("turbo     " + e.getMessage());
            }
        }
        if (address != null) {
            Optional<BackupState.Last> last = new BackupState(ctx.home()).last(address);
            data.put("last_backup", last.map(l -> Map.of("sequence", l.sequence(), "tx_id", l.txId())).orElse(null));
            lines.add("last      " + last.map(l -> "backup " + l.sequence() + " → " + l.txId()).orElse("no backup from this home yet"));
        }
        return CommandResult.of(String.join("\n", lines), data);
    }
}
