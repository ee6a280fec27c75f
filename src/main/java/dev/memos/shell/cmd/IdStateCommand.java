package dev.memos.shell.cmd;

import dev.memos.identity.IdentityInfo;
import dev.memos.identity.MociId;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;

/**
 * {@code id suspend}, {@code id resume}, {@code id revoke} and {@code id delete}: one shape (resolve
 * the target, change its state, lock it when the change ends its use) with four state changes,
 * declared in {@link IdSuspensionCommand} and {@link IdEndCommand}.
 */
public abstract class IdStateCommand implements Command {
    /** The state change itself, run on the resolved target; returns the result for people and programs. */
    @FunctionalInterface
    interface Change {
        CommandResult apply(IdSupport.Target t, MociId id, Context ctx);
    }

    private final CommandSpec spec;
    private final String confirming;
    private final boolean locks;
    private final Change change;

    IdStateCommand(CommandSpec spec, String confirming, boolean locks, Change change) {
        this.spec = spec;
        this.confirming = confirming;
        this.locks = locks;
        this.change = change;
    }

    static CommandSpec.Builder spec(String name, String summary) {
        return CommandSpec.builder(name).group("id").summary(summary).option(IdSupport.idOption());
    }

    static CommandResult described(String text, IdentityInfo info) {
        return CommandResult.of(text, IdSupport.describe(info));
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        if (confirming != null) {
            IdSupport.requireConfirm(args, confirming);
        }
        IdSupport.Target t = IdSupport.target(args, ctx);
        MociId id = t.id();
        CommandResult result = change.apply(t, id, ctx);
        if (locks) {
            IdSupport.lockIfUnlocked(ctx, id);
        }
        return t.attach(result);
    }
}
