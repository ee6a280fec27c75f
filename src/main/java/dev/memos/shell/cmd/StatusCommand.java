package dev.memos.shell.cmd;

import dev.memos.app.network.NetworkStatus;
import dev.memos.shell.Services;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.util.ArrayList;
import java.util.List;
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
        Optional<String> address = ctx.session().isUnlocked() || ctx.env().containsKey(EthPrivateKey.ENV)
                ? Optional.of(ctx.session().ethKey().address().checksummed()) : Optional.empty();
        NetworkStatus s = Services.of(ctx).networkStatus().status(address, ArweaveSupport.walletPath(args, ctx));
        List<String> lines = new ArrayList<>();
        lines.add("address   " + (s.address() == null ? "locked (set ETH_PRIVATE_KEY or run 'unlock')" : s.address()));
        lines.add("profile   " + s.profile() + " (node " + s.node() + ")");
        lines.add("home      " + s.home());
        lines.add("node      " + (s.nodeReachable() ? "reachable, height " + s.height() : "unreachable: " + s.nodeProblem()));
        if (s.wallet() != null || s.walletProblem() != null) {
            lines.add("wallet    " + (s.wallet() != null ? s.wallet() + ": " + s.walletAr() + " AR" : s.walletProblem()));
        }
        if (s.turboWinc() != null || s.turboProblem() != null) {
            lines.add("turbo     " + (s.turboWinc() != null ? s.turboWinc() + " winc" : s.turboProblem()));
        }
        if (s.address() != null) {
            lines.add("last      " + (s.lastBackup() == null ? "no backup from this home yet"
                    : "backup " + s.lastBackup().sequence() + " → " + s.lastBackup().txId()));
        }
        return CommandResult.of(String.join("\n", lines), s);
    }
}
