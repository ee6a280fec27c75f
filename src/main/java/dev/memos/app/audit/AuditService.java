package dev.memos.app.audit;

import dev.memos.audit.AuditLogs;
import dev.memos.audit.AuditTarget;
import dev.memos.audit.AuditVerifier;
import dev.memos.audit.Checkpoint;
import dev.memos.audit.CheckpointAnchor;
import dev.memos.config.MemosHome;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The audit use cases. Owns the policy of {@code audit verify}: which logs must exist (a missing one
 * fails), which key a log's checkpoints must carry (the key given, else the identity's key from this
 * home's store, else the device key for the home log, else — with a warning — the first checkpoint's),
 * and whether the newest published checkpoint must match.
 */
public final class AuditService {
    private final MemosHome home;
    private final Function<String, Optional<AuditTarget.TrustedKey>> identityKeys;
    private final Supplier<CheckpointAnchor> anchor;

    private AuditService(Builder b) {
        this.home = Objects.requireNonNull(b.home, "home");
        this.identityKeys = b.identityKeys;
        this.anchor = b.anchor;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private MemosHome home;
        private Function<String, Optional<AuditTarget.TrustedKey>> identityKeys = id -> Optional.empty();
        private Supplier<CheckpointAnchor> anchor = () -> {
            throw MemosException.usage("no anchor store is configured");
        };

        public Builder home(MemosHome home) {
            this.home = home;
            return this;
        }

        /** The key of an identity's log from this home's identity store (empty when not stored here). */
        public Builder identityKeys(Function<String, Optional<AuditTarget.TrustedKey>> identityKeys) {
            this.identityKeys = identityKeys;
            return this;
        }

        /** Where published checkpoints are found; made only when {@code --anchored} asks for it. */
        public Builder anchor(Supplier<CheckpointAnchor> anchor) {
            this.anchor = anchor;
            return this;
        }

        public AuditService build() {
            return new AuditService(this);
        }
    }

    public AuditVerifyResult verify(AuditVerifyRequest req) {
        List<AuditCoverage.Log> expected = req.identity().isPresent()
                ? List.of(AuditCoverage.of(home, AuditLogs.checkId(req.identity().get())))
                : AuditCoverage.all(home);
        List<AuditCoverage.Log> missing = expected.stream().filter(AuditCoverage.Log::missing).toList();
        // Every identity of the home is verified or reported: the folder listing is only a fallback for
        // logs of identities that are gone (their folder holds nothing else).
        List<AuditTarget> targets = req.identity().isPresent()
                ? expected.stream().filter(AuditCoverage.Log::present).map(AuditCoverage.Log::target).toList()
                : AuditTarget.all(home).stream().filter(AuditTarget::exists).toList();
        if (targets.isEmpty() && missing.isEmpty()) {
            req.identity().ifPresent(id -> AuditTarget.of(home, Optional.of(id)).requireExisting());
            throw MemosException.usage("no audit log in " + home + ": nothing was logged yet");
        }
        if (req.publicKey().isPresent() && targets.size() > 1) {
            throw MemosException.usage("--public-key names one log's key: add --identity ID");
        }
        List<String> warnings = new ArrayList<>();
        List<AuditVerifyResult.LogCheck> logs = new ArrayList<>();
        CheckpointAnchor published = req.anchored() ? anchor.get() : null;
        for (AuditTarget t : targets) {
            logs.add(verifyOne(t, req, published, warnings));
        }
        if (!missing.isEmpty()) {
            throw AuditCoverage.missing(missing, targets.size());
        }
        List<String> notBegun = expected.stream().filter(l -> !l.present()).map(l -> l.target().logId()).toList();
        return new AuditVerifyResult(true, logs, notBegun, warnings);
    }

    private AuditVerifyResult.LogCheck verifyOne(AuditTarget t, AuditVerifyRequest req, CheckpointAnchor published, List<String> warnings) {
        AuditTarget.TrustedKey key = req.publicKey().isPresent() ? t.trustedKey(req.publicKey())
                : identityKeys.apply(t.logId()).orElseGet(() -> t.trustedKey(Optional.empty()));
        if (key.source().equals("first-checkpoint")) {
            warnings.add("log '" + t.logId() + "': trusting the key of its first checkpoint (" + key.display()
                    + "); pass --public-key to pin the identity key");
        }
        AuditVerifier v = t.verifier(key);
        Optional<Checkpoint> anchored = Optional.empty();
        if (published != null) {
            anchored = published.fetchLatest(t.logId(), key.algorithm(), key.publicKey());
            if (anchored.isEmpty()) {
                throw MemosException.failure("no anchored checkpoint found for log '" + t.logId() + "': run 'memos audit anchor' first", null);
            }
            v.anchor(anchored.get());
        }
        AuditVerifier.Report r = v.verify();
        if (r.tornTail()) {
            warnings.add("log '" + t.logId() + "' ends in a torn record (an append cut short by a crash); it is dropped on the next append");
        }
        if (r.uncheckpointed() > 0) {
            warnings.add("log '" + t.logId() + "': the last " + r.uncheckpointed() + " entries are not yet covered by a signed checkpoint");
        }
        return new AuditVerifyResult.LogCheck(t.logId(), r.entries(), r.checkpoints(), Hex.encode(r.root()), r.uncheckpointed(),
                r.tornTail(), anchored.map(Checkpoint::size).orElse(null), key.display(), key.source(),
                r.latestCheckpoint().map(Checkpoint::size).orElse(null),
                r.latestCheckpoint().map(c -> c.time().toString()).orElse(null));
    }
}
