package dev.memos.shell.cmd;

import dev.memos.audit.AuditEntry;
import dev.memos.audit.AuditReader;
import dev.memos.audit.AuditTarget;
import dev.memos.encoding.Json;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class AuditTailCommand implements Command {
    private static final long POLL_MILLIS = 500;

    private static final CommandSpec SPEC = CommandSpec.builder("audit tail")
            .group("audit")
            .summary("Show the newest audit events; --follow keeps printing new ones until interrupted")
            .option(OptionSpec.value("lines", "N", "how many events to show").shortName("n").defaultsTo("20"))
            .option(OptionSpec.flag("follow", "keep watching the log and print events as they are appended"))
            .option(AuditLogOption.IDENTITY)
            .example("audit tail -n 50 --follow")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) throws Exception {
        AuditTarget target = AuditLogOption.target(args, ctx);
        int lines = args.intValue("lines", 0, 1_000_000, 20);
        List<AuditEntry> tail = AuditReader.tail(target.dir(), lines);
        if (!args.flag("follow")) {
            StringBuilder text = new StringBuilder();
            tail.forEach(e -> text.append(e.toLine()).append('\n'));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("log", target.logId());
            data.put("entries", tail.stream().map(AuditEntry::toData).toList());
            return CommandResult.of(tail.isEmpty() ? "(no audit events in log '" + target.logId() + "')" : text.toString(), data);
        }
        // Streaming: one line (or one JSON object) per event, flushed, until the thread is interrupted.
        long next = tail.isEmpty() ? AuditReader.tail(target.dir(), 1).stream().mapToLong(e -> e.index() + 1).findFirst().orElse(0)
                : tail.get(tail.size() - 1).index() + 1;
        tail.forEach(e -> print(ctx, e));
        AuditReader.Follower follower = new AuditReader.Follower(target.dir(), next);
        while (!Thread.currentThread().isInterrupted()) {
            follower.poll().forEach(e -> print(ctx, e));
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return CommandResult.empty();
    }

    private static void print(Context ctx, AuditEntry e) {
        try {
            ctx.out().println(ctx.global().json() ? Json.mapper().writeValueAsString(e.toData()) : e.toLine());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        ctx.out().flush();
    }
}
