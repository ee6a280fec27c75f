package dev.memos.app.token;

import dev.memos.audit.AuditEvents;
import dev.memos.crypto.KeyFingerprint;
import dev.memos.encoding.Base64Url;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.identity.KnownKeys;
import dev.memos.token.DelegationLink;
import dev.memos.token.HeadSource;
import dev.memos.token.IssueRequest;
import dev.memos.token.IssuedToken;
import dev.memos.token.LocalTokens;
import dev.memos.token.PinWrite;
import dev.memos.token.RejectReason;
import dev.memos.token.TokenVerifier;
import dev.memos.token.Verification;
import dev.memos.token.VerifiedToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The token use cases over this home's {@link LocalTokens}. Owns the policy: a verifier trusts the
 * known-key resolver it is given (home identities, pins, inception records), a minimum trust is
 * checked against the score computed from a signed chain head (the token's, else the newest published
 * one), a rejected token is an error whose exit code says why (8 key mismatch, 9 unverified key, 4 a
 * forged or foreign chain head or a claimed trust the head contradicts, else 3 auth), every pin a
 * verification writes on first use is audited as {@code pin_change}, and an issuer defaults to the
 * only identity of the home.
 */
public final class TokenService {
    private final LocalTokens tokens;
    private final Supplier<KnownKeys> knownKeys;
    private final Supplier<HeadSource> heads;
    private final BiFunction<String, Map<String, String>, List<String>> audit;

    private TokenService(Builder b) {
        this.tokens = Objects.requireNonNull(b.tokens, "tokens");
        this.knownKeys = Objects.requireNonNull(b.knownKeys, "knownKeys");
        this.heads = b.heads;
        this.audit = b.audit;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private LocalTokens tokens;
        private Supplier<KnownKeys> knownKeys;
        private Supplier<HeadSource> heads = () -> null;
        private BiFunction<String, Map<String, String>, List<String>> audit = (event, details) -> List.of();

        /** Where the newest published chain head of an issuer is found (made only for a minimum trust: it reaches the network). */
        public Builder heads(Supplier<HeadSource> heads) {
            this.heads = heads;
            return this;
        }

        /** Records an audit event (the pins a verification wrote); returns warnings when it could not be recorded. */
        public Builder audit(BiFunction<String, Map<String, String>, List<String>> audit) {
            this.audit = audit;
            return this;
        }

        /** This home's tokens, wired with the unlocker and the event sink of the caller. */
        public Builder tokens(LocalTokens tokens) {
            this.tokens = tokens;
            return this;
        }

        /** The key resolver a verification trusts; made only when a token is verified (it may reach the network). */
        public Builder knownKeys(Supplier<KnownKeys> knownKeys) {
            this.knownKeys = knownKeys;
            return this;
        }

        public TokenService build() {
            return new TokenService(this);
        }
    }

    public TokenVerifyResult verify(TokenVerifyRequest req) {
        Verification v;
        HeadSource published = req.minTrust() > 0 ? heads.get() : null;
        try (TokenVerifier verifier = tokens.verifier(req.skill(), req.maxDepth(), knownKeys.get(), req.trustOnFirstUse(),
                req.minTrust(), published)) {
            v = verifier.verify(req.token().strip());
        }
        if (!v.valid()) {
            RejectReason reason = v.reason().orElseThrow();
            ErrorKind kind = switch (reason) {
                case KEY_MISMATCH -> ErrorKind.KEY_MISMATCH;
                case UNVERIFIED_KEY -> ErrorKind.UNVERIFIED_KEY;
                case TRUST_MISMATCH, BAD_TRUST_HEAD -> ErrorKind.INTEGRITY; // the issuer's own signed word contradicts the token
                default -> ErrorKind.AUTH;
            };
            throw new MemosException(kind, "token rejected (" + reason.code() + "): " + v.detail());
        }
        v.pinsWritten().forEach(this::auditPin);
        VerifiedToken t = v.token();
        return new TokenVerifyResult(true, t.mociId(), t.trustScore(), t.scope(), t.delegationChain(), t.expiresAt().toString(),
                t.trustSource());
    }

    /**
     * A pin written on first use decides whose tokens this home accepts next, as {@code id pin} does:
     * {@code pin_change} (FORMAT.md §12.13), action {@code pinned-on-first-use}.
     */
    private void auditPin(PinWrite p) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kind", p.kind() == PinWrite.Kind.IDENTITY ? "identity-pin" : "token-pin");
        d.put(p.kind() == PinWrite.Kind.IDENTITY ? "id" : "issuer", p.subject());
        d.put("audience", p.audience());
        d.put("action", "pinned-on-first-use");
        d.put("fingerprint", KeyFingerprint.of(p.key()));
        d.put("public_key", Base64Url.encode(p.key()));
        d.put("origin", p.origin());
        audit.apply(AuditEvents.PIN_CHANGE, d);
    }

    public TokenIssueResult issue(TokenIssueRequest req) {
        String issuer = req.issuer().orElseGet(() -> tokens.issuers().soleIdentity());
        IssuedToken t = tokens.issuer().issue(new IssueRequest(issuer, req.via(), req.skill(), req.ttl(), req.scope(), req.withHead()));
        List<String> path = new ArrayList<>();
        path.add(t.claims().chain().get(0).from());
        t.claims().chain().stream().map(DelegationLink::to).forEach(path::add);
        return new TokenIssueResult(t.compact(), t.claims().issuer(), t.claims().audience(),
                Instant.ofEpochSecond(t.claims().expiresAt()).toString(), t.claims().scope(), path);
    }
}
