package dev.memos.shell.cmd;

import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Identity facts this component owns. Trust score, ring sizes and the chain head belong to the
 * ring component: until it contributes them, status shows the size of each sub-folder.
 */
public final class IdStatusCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id status")
            .group("id")
            .summary("Show an identity: id, state, tier, key, and the size of its rings, audit and token folders")
            .option(OptionSpec.positional("id", "identity id (default: the unlocked or only identity)")
                    .completes(OptionSpec.Completion.IDENTITY))
            .example("id status")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Warnings w = new IdSupport.Warnings();
        IdentityStore store = IdSupport.store(ctx, w);
        MociId id = IdSupport.resolve(args, ctx, store);
        IdentityInfo i = store.require(id);
        Map<String, Object> data = IdSupport.describe(i);
        boolean unlocked = ctx.session().activeIdentityId().map(id.toString()::equals).orElse(false);
        data.put("unlocked", unlocked);
        data.put("tombstoned", store.isTombstoned(id));
        StringBuilder text = new StringBuilder()
                .append("ID:          ").append(i.id()).append('\n')
                .append("Status:      ").append(i.state().id()).append(unlocked ? " (unlocked)" : "").append('\n')
                .append("Tier:        ").append(i.tier().number()).append(" (").append(i.algorithm().id()).append(")\n")
                .append("Key:         ").append(IdSupport.fingerprint(i.publicKey())).append('\n')
                .append("Created:     ").append(i.created()).append('\n')
                .append("Updated:     ").append(i.updated());
        for (String sub : new String[] {"rings", "audit", "tokens"}) {
            long[] size = size(i.directory().resolve(sub));
            data.put(sub + "Files", size[0]);
            data.put(sub + "Bytes", size[1]);
            text.append(String.format("%n%-12s %d files, %d bytes", sub + ":", size[0], size[1]));
        }
        return w.attach(CommandResult.of(text.toString(), data));
    }

    private static long[] size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new long[] {0, 0};
        }
        try (Stream<Path> s = Files.walk(dir)) {
            long[] out = new long[2];
            s.filter(Files::isRegularFile).forEach(p -> {
                out[0]++;
                try {
                    out[1] += Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
