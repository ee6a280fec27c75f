package dev.memos.shell.cmd;

import dev.memos.app.memory.MemoryResults;
import dev.memos.shell.Services;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

public final class MemAddCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("mem add")
            .group("mem")
            .summary("Write a memory to ring 0 of the unlocked identity (runs due promotions)")
            .option(OptionSpec.positional("text", "the memory text (or use --file)"))
            .option(OptionSpec.value("file", "F", "read the memory text from a UTF-8 file").completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("kind", "K", "what it is: note, event, decision, … (default note)"))
            .example("mem add \"Met Alice about the Q3 budget\" --kind event")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        String text = args.get("text").orElse(null);
        if ((text == null) == args.get("file").isEmpty()) {
            throw MemosException.usage("give the memory as TEXT or with --file F (exactly one of them)");
        }
        if (text == null) {
            text = readText(args.requirePath("file"));
        }
        MemoryResults.Added r = Services.of(ctx).memories().add(text, args.get("kind").orElse("note"));
        String line = "added memory #" + r.seq() + (r.promoted() ? " (promoted " + r.promotedFromRing0() + " from ring 0)" : "");
        return CommandResult.of(line, r).withWarnings(r.warnings());
    }

    private static String readText(Path file) {
        try {
            if (Files.size(file) > 64 * 1024) {
                throw MemosException.usage(file + " is larger than any memory entry may be: store a summary instead");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw MemosException.usage("no such file: " + file);
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
