package dev.memos.shell.cmd;

import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.MociId;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.RingSessions;
import dev.memos.ring.Revocation;
import dev.memos.ring.RingStore;
import dev.memos.ring.SignedHead;
import dev.memos.ring.TrustScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The seed's {@code moci status} (ID, status, tier, trust, ring 0 entries, ring 3 hashes) plus the
 * chain head and length, the quarantine flag, the key fingerprint and the size of each sub-folder.
 * The rings are opened read-only with this home's device keys, so no unlock is needed.
 */
public final class IdStatusCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id status")
            .group("id")
            .summary("Show an identity: id, state, tier, trust score, ring sizes, chain head and length, quarantine")
            .option(IdSupport.idOption())
            .example("id status")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Target t = IdSupport.target(args, ctx);
        MociId id = t.id();
        IdentityInfo i = t.store().require(id);
        Map<String, Object> data = IdSupport.describe(i);
        boolean unlocked = ctx.session().activeIdentityId().map(id.toString()::equals).orElse(false);
        data.put("unlocked", unlocked);
        data.put("tombstoned", t.store().isTombstoned(id));
        StringBuilder text = new StringBuilder()
                .append("ID:          ").append(i.id()).append('\n')
                .append("Status:      ").append(i.state().id()).append(unlocked ? " (unlocked)" : "").append('\n')
                .append("Tier:        ").append(i.tier().number()).append(" (").append(i.algorithm().id()).append(")\n");
        List<String> warnings = new ArrayList<>();
        rings(ctx, i, data, text, warnings);
        text.append("Key:         ").append(IdSupport.fingerprint(i.publicKey())).append('\n')
                .append("Created:     ").append(i.created()).append('\n')
                .append("Updated:     ").append(i.updated());
        for (String sub : new String[] {"rings", "audit", "tokens"}) {
            long[] size = size(i.directory().resolve(sub));
            data.put(sub + "_files", size[0]);
            data.put(sub + "_bytes", size[1]);
            text.append(String.format("%n%-12s %d files, %d bytes", sub + ":", size[0], size[1]));
        }
        return t.attach(CommandResult.of(text.toString(), data).withWarnings(warnings));
    }

    /** Trust, ring sizes, chain head and length, quarantine: from the rings when there are any. */
    private static void rings(Context ctx, IdentityInfo i, Map<String, Object> data, StringBuilder text, List<String> warnings) {
        RingStore rings;
        try {
            rings = RingSessions.openReadOnly(ctx, i.id().toString());
        } catch (MemosException e) {
            boolean quarantined = RingStore.quarantinedAt(i.directory().resolve("rings"));
            data.put("rings_error", e.getMessage());
            data.put("quarantined", quarantined);
            text.append("Rings:       unreadable (").append(e.getMessage()).append(")\n")
                    .append("Quarantine:  ").append(quarantined ? "yes (fork detected)" : "no").append('\n');
            warnings.add("the memory rings of " + i.id() + " did not verify: " + e.getMessage());
            return;
        }
        TrustScore trust;
        Map<String, Object> r = new LinkedHashMap<>();
        if (rings == null) {
            long days = Math.max(0, Duration.between(i.created(), ctx.clock().instant()).toDays());
            trust = TrustScore.compute(days, 0, 0, 0, false);
            r.put("ring0_entries", 0);
            r.put("ring0_bytes", 0);
            r.put("ring1_entries", 0);
            r.put("ring2_entries", 0);
            r.put("ring3_hashes", 0);
            r.put("ring3_months", 0);
            data.put("rings", r);
            data.put("chain", null);
            data.put("quarantined", false);
        } else {
            RingStore.Status st = rings.status();
            SignedHead head = rings.head();
            trust = rings.trust();
            r.put("ring0_entries", st.ring0Entries());
            r.put("ring0_bytes", st.ring0Bytes());
            r.put("ring1_entries", st.ring1Entries());
            r.put("ring2_entries", st.ring2Entries());
            r.put("ring3_hashes", st.chainSteps() + 1);
            r.put("ring3_months", st.ring3Months());
            r.put("file_bytes", st.fileBytes());
            r.put("budget", st.budget());
            data.put("rings", r);
            Map<String, Object> chain = new LinkedHashMap<>();
            chain.put("head", Hex.encode(head.stepHash()));
            chain.put("step", head.step());
            chain.put("length", head.step() + 1);
            chain.put("time", Instant.ofEpochSecond(head.stepTime()).toString());
            chain.put("revoked", Revocation.revoked(rings));
            data.put("chain", chain);
            data.put("quarantined", st.quarantined());
        }
        data.put("trust", trust.score());
        data.put("trust_tier", trust.tier());
        text.append("Trust:       ").append(trust.score()).append(" (").append(trust.tier()).append(")\n")
                .append("Ring 0:      ").append(r.get("ring0_entries")).append(" entries (").append(r.get("ring0_bytes")).append(" bytes)\n")
                .append("Ring 1:      ").append(r.get("ring1_entries")).append(" entries\n")
                .append("Ring 2:      ").append(r.get("ring2_entries")).append(" entries\n");
        if (rings == null) {
            text.append("Ring 3:      0 hashes (no memory chain yet: the first 'mem' command starts it)\n")
                    .append("Chain:       none\n")
                    .append("Quarantine:  no\n");
            return;
        }
        long hashes = (Long) r.get("ring3_hashes");
        @SuppressWarnings("unchecked")
        Map<String, Object> chain = (Map<String, Object>) data.get("chain");
        text.append("Ring 3:      ").append(hashes).append(hashes == 1 ? " hash (genesis)" : " hashes").append(", ")
                .append(r.get("ring3_months")).append(" sealed months\n")
                .append("Chain:       head ").append(((String) chain.get("head")).substring(0, 16)).append("… length ")
                .append(chain.get("length")).append(Boolean.TRUE.equals(chain.get("revoked")) ? " (ends REVOKED)" : "").append('\n')
                .append("Quarantine:  ").append(Boolean.TRUE.equals(data.get("quarantined")) ? "yes (fork detected: writes and tokens stop)" : "no")
                .append('\n');
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
