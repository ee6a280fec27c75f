package dev.memos.shell.cmd;

import dev.memos.shell.CommandSpec;

/** {@code id suspend} and {@code id resume}: the reversible state changes. */
public final class IdSuspensionCommand extends IdStateCommand {
    private IdSuspensionCommand(CommandSpec spec, String confirming, boolean locks, Change change) {
        super(spec, confirming, locks, change);
    }

    public static IdSuspensionCommand suspend() {
        return new IdSuspensionCommand(spec("id suspend", "Suspend an identity (reversible): no tokens, no memory writes until resumed")
                .example("id suspend CW-NOVA.R7KMX2-AA").build(), null, true,
                (t, id, ctx) -> described("suspended " + id, t.store().suspend(id)));
    }

    public static IdSuspensionCommand resume() {
        return new IdSuspensionCommand(spec("id resume", "Resume a suspended identity")
                .example("id resume CW-NOVA.R7KMX2-AA").build(), null, false,
                (t, id, ctx) -> described("resumed " + id + " (active)", t.store().resume(id)));
    }
}
