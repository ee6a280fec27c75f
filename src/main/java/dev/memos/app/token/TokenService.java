package dev.memos.app.token;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.identity.KnownKeys;
import dev.memos.token.DelegationLink;
import dev.memos.token.IssueRequest;
import dev.memos.token.IssuedToken;
import dev.memos.token.LocalTokens;
import dev.memos.token.RejectReason;
import dev.memos.token.TokenVerifier;
import dev.memos.token.Verification;
import dev.memos.token.VerifiedToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The token use cases over this home's {@link LocalTokens}. Owns the policy: a verifier trusts the
 * known-key resolver it is given (home identities, pins, inception records), a rejected token is an
 * error whose exit code says why (8 key mismatch, 9 unverified key, else 3 auth), and an issuer
 * defaults to the only identity of the home.
 */
public final class TokenService {
    private final LocalTokens tokens;
    private final Supplier<KnownKeys> knownKeys;

    private TokenService(Builder b) {
        this.tokens = Objects.requireNonNull(b.tokens, "tokens");
        this.knownKeys = Objects.requireNonNull(b.knownKeys, "knownKeys");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private LocalTokens tokens;
        private Supplier<KnownKeys> knownKeys;

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
        try (TokenVerifier verifier = tokens.verifier(req.skill(), req.maxDepth(), knownKeys.get(), req.trustOnFirstUse())) {
            v = verifier.verify(req.token().strip());
        }
        if (!v.valid()) {
            RejectReason reason = v.reason().orElseThrow();
            ErrorKind kind = switch (reason) {
                case KEY_MISMATCH -> ErrorKind.KEY_MISMATCH;
                case UNVERIFIED_KEY -> ErrorKind.UNVERIFIED_KEY;
                default -> ErrorKind.AUTH;
            };
            throw new MemosException(kind, "token rejected (" + reason.code() + "): " + v.detail());
        }
        VerifiedToken t = v.token();
        return new TokenVerifyResult(true, t.mociId(), t.trustScore(), t.scope(), t.delegationChain(), t.expiresAt().toString());
    }

    public TokenIssueResult issue(TokenIssueRequest req) {
        String issuer = req.issuer().orElseGet(() -> tokens.issuers().soleIdentity());
        IssuedToken t = tokens.issuer().issue(new IssueRequest(issuer, req.via(), req.skill(), req.ttl(), req.scope()));
        List<String> path = new ArrayList<>();
        path.add(t.claims().chain().get(0).from());
        t.claims().chain().stream().map(DelegationLink::to).forEach(path::add);
        return new TokenIssueResult(t.compact(), t.claims().issuer(), t.claims().audience(),
                Instant.ofEpochSecond(t.claims().expiresAt()).toString(), t.claims().scope(), path);
    }
}
