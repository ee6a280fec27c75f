package dev.memos.token;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of one verification: the verified token, or exactly one {@link RejectReason}. */
public final class Verification {
    private final VerifiedToken token;
    private final RejectReason reason;
    private final String detail;
    private final List<PinWrite> pinsWritten;

    private Verification(VerifiedToken token, RejectReason reason, String detail, List<PinWrite> pinsWritten) {
        this.token = token;
        this.reason = reason;
        this.detail = detail;
        this.pinsWritten = List.copyOf(pinsWritten);
    }

    static Verification accepted(VerifiedToken token, List<PinWrite> pinsWritten) {
        return new Verification(Objects.requireNonNull(token), null, "", pinsWritten);
    }

    static Verification rejected(RejectReason reason, String detail) {
        return new Verification(null, Objects.requireNonNull(reason), detail, List.of());
    }

    /** The pins this verification wrote on first use (only an accepted token writes any): the caller audits them. */
    public List<PinWrite> pinsWritten() {
        return pinsWritten;
    }

    public boolean valid() {
        return token != null;
    }

    /** The verified token; throws if rejected, so a caller cannot use an unverified one by mistake. */
    public VerifiedToken token() {
        if (token == null) {
            throw new IllegalStateException("token was rejected: " + reason.code());
        }
        return token;
    }

    public Optional<RejectReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** A short human explanation (never key material). */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return valid() ? "Verification[valid " + token.mociId() + "]" : "Verification[" + reason.code() + ": " + detail + "]";
    }
}
