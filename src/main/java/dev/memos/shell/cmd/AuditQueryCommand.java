package dev.memos.shell.cmd;

import dev.memos.audit.AuditEntry;
import dev.memos.audit.AuditEvents;
import dev.memos.audit.AuditQuery;
import dev.memos.audit.AuditReader;
import dev.memos.audit.AuditTarget;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class AuditQueryCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("audit query")
            .group("audit")
            .summary("Find audit events by type, identity and time (home log and identity logs)")
            .option(OptionSpec.value("event", "TYPE", "event type: cit_rejected, backup, restore_ignore_rollback, unlock_failed, …"))
            .option(OptionSpec.value("last", "DURATION", "only the last 90s, 15m, 24h, 7d or 2w"))
            .option(OptionSpec.value("since", "TIME", "from this date or ISO-8601 time (inclusive)"))
            .option(OptionSpec.value("until", "TIME", "up to this date or ISO-8601 time (exclusive)"))
            .option(OptionSpec.value("identity", "ID", "only events about this identity").completes(OptionSpec.Completion.IDENTITY))
            .option(OptionSpec.value("limit", "N", "at most N events (the newest)"))
            .example("audit query --event cit_rejected --last 24h")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        AuditQuery q = AuditQuery.all();
        Optional<String> event = args.get("event");
        if (event.isPresent()) {
            if (!AuditEvents.wellFormed(event.get())) {
                throw MemosException.usage("--event takes an event type such as " + String.join(", ", AuditEvents.ALL.subList(0, 4)) + ", got '" + event.get() + "'");
            }
            q = q.withEvent(event.get());
        }
        if (args.has("last") && (args.has("since") || args.has("until"))) {
            throw MemosException.usage("give --last or --since/--until, not both");
        }
        if (args.has("last")) {
            q = q.last(args.require("last"), ctx.clock());
        } else if (args.has("since") || args.has("until")) {
            Instant since = args.get("since").map(t -> AuditQuery.parseTime("since", t)).orElse(null);
            Instant until = args.get("until").map(t -> AuditQuery.parseTime("until", t)).orElse(null);
            q = q.between(since, until);
        }
        List<AuditTarget> logs;
        if (args.has("identity")) {
            q = q.withIdentity(AuditLogOption.target(args, ctx).logId());
            logs = List.of(AuditTarget.of(ctx.home(), Optional.empty()), AuditLogOption.target(args, ctx));
        } else {
            logs = AuditTarget.all(ctx.home());
        }
        List<Hit> hits = new ArrayList<>();
        for (AuditTarget t : logs) {
            for (AuditEntry e : AuditReader.query(t.dir(), q)) {
                hits.add(new Hit(t.logId(), e));
            }
        }
        hits.sort(Comparator.comparingLong((Hit h) -> h.entry.timeMillis()).thenComparing(h -> h.log).thenComparingLong(h -> h.entry.index()));
        int limit = args.intValue("limit", 1, Integer.MAX_VALUE, Integer.MAX_VALUE);
        if (hits.size() > limit) {
            hits = hits.subList(hits.size() - limit, hits.size());
        }
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> data = new ArrayList<>();
        for (Hit h : hits) {
            text.append(h.log).append("  ").append(h.entry.toLine()).append('\n');
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("log", h.log);
            row.putAll(h.entry.toData());
            data.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", hits.size());
        result.put("entries", data);
        return CommandResult.of(hits.isEmpty() ? "no matching audit events" : text.toString(), result);
    }

    private record Hit(String log, AuditEntry entry) {
    }
}
