package dev.memos.shell.cmd;

import dev.memos.ring.Entry;
import dev.memos.ring.RingStore;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.RingSessions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

public final class MemShowCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("mem show")
            .group("mem")
            .summary("Show the memories of the unlocked identity, ring by ring, with the rings' sizes")
            .option(OptionSpec.value("ring", "N", "only ring 0 (hot), 1 (warm) or 2 (cool); ring 3 holds hashes only").choices("0", "1", "2"))
            .example("mem show --ring 0")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        RingStore store = RingSessions.open(ctx);
        OptionalInt ring = args.get("ring").map(r -> OptionalInt.of(Integer.parseInt(r))).orElse(OptionalInt.empty());
        List<Entry> entries = store.show(ring);
        RingStore.Status st = store.status();
        StringBuilder text = new StringBuilder(String.format(
                "%s: ring 0 %d (%d bytes), ring 1 %d, ring 2 %d, ring 3 %d months; file %d of %d bytes%s",
                st.id(), st.ring0Entries(), st.ring0Bytes(), st.ring1Entries(), st.ring2Entries(), st.ring3Months(),
                st.fileBytes(), st.budget(), st.quarantined() ? " — QUARANTINED" : ""));
        for (Entry e : entries) {
            text.append('\n').append(line(e));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", st);
        data.put("entries", rows(entries));
        return CommandResult.of(text.toString(), data);
    }

    static String line(Entry e) {
        return String.format("[%d] #%d %s %s%s: %s", e.ring(), e.seq(), Instant.ofEpochSecond(e.time()), e.kind(),
                e.flags().isEmpty() ? "" : " " + e.flags(), e.text().replaceAll("\\p{Cntrl}", "?"));
    }

    static List<Map<String, Object>> rows(List<Entry> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("ring", e.ring());
            m.put("kind", e.kind());
            m.put("writer", e.writer());
            m.put("time", Instant.ofEpochSecond(e.time()).toString());
            m.put("text", e.text());
            m.put("flags", e.flags());
            m.put("summarizer", e.summarizer());
            m.put("sources", e.sources());
            out.add(m);
        }
        return out;
    }
}
