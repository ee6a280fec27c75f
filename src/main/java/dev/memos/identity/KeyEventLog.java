package dev.memos.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.memos.crypto.KeyFingerprint;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The verified key event log of one identity (FORMAT.md §13.6): an inception and the rotations after
 * it, each linked to the one before by digest, signed by the outgoing key and revealing the key the
 * previous event committed to. Only a log that passed every check exists as an object, so a holder can
 * ask it which key is current and whether a key was valid at a given time without re-checking.
 */
public final class KeyEventLog {
    /** More events than anyone rotates in a lifetime: a longer log is refused rather than walked. */
    public static final int MAX_EVENTS = 1024;

    private final List<KeyEvent> events;

    private KeyEventLog(List<KeyEvent> events) {
        this.events = List.copyOf(events);
    }

    /** Checks every rule of §13.6 in order; INTEGRITY naming the first event and rule broken. */
    public static KeyEventLog verify(List<KeyEvent> events) {
        if (events.isEmpty()) {
            throw KeyEvent.bad("the log is empty");
        }
        if (events.size() > MAX_EVENTS) {
            throw KeyEvent.bad("the log has more than " + MAX_EVENTS + " events");
        }
        KeyEvent first = events.get(0);
        if (first.seq() != 0 || first.type() != KeyEvent.Type.INCEPTION) {
            throw KeyEvent.bad("the log does not start with an inception at sequence 0");
        }
        if (!first.signedBy(first.publicKey())) {
            throw KeyEvent.bad("the inception of " + first.id() + " is not signed by its own key");
        }
        List<KeyEvent> ok = new ArrayList<>(List.of(first));
        for (int i = 1; i < events.size(); i++) {
            ok.add(checkNext(ok, events.get(i)));
        }
        return new KeyEventLog(ok);
    }

    /** This log with {@code rotation} appended, after the same checks {@link #verify} applies to it. */
    public KeyEventLog append(KeyEvent rotation) {
        List<KeyEvent> next = new ArrayList<>(events);
        next.add(checkNext(events, rotation));
        return new KeyEventLog(next);
    }

    private static KeyEvent checkNext(List<KeyEvent> before, KeyEvent e) {
        KeyEvent prev = before.get(before.size() - 1);
        String where = "rotation #" + e.seq() + " of " + e.id();
        if (!e.id().equals(prev.id())) {
            throw KeyEvent.bad(where + " names another identity than its log (" + prev.id() + ")");
        }
        if (e.type() != KeyEvent.Type.ROTATION || e.seq() != prev.seq() + 1) {
            throw KeyEvent.bad(where + " is out of order: expected rotation #" + (prev.seq() + 1)
                    + " (replayed or reordered event)");
        }
        if (!prev.digest().equals(e.prior())) {
            throw KeyEvent.bad(where + " does not follow event #" + prev.seq() + " (its prior digest differs: replayed or reordered)");
        }
        if (e.algorithm() != prev.algorithm()) {
            throw KeyEvent.bad(where + " changes the algorithm");
        }
        if (!e.signedBy(prev.publicKey())) {
            throw KeyEvent.bad(where + " is not signed by the outgoing key " + KeyFingerprint.of(prev.publicKey())
                    + " (signed by the wrong key, or altered)");
        }
        if (prev.next() != null && !prev.next().equals(KeyEvent.commitment(e.algorithm(), e.publicKey()))) {
            throw KeyEvent.bad(where + " reveals key " + KeyFingerprint.of(e.publicKey())
                    + ", which does not match the commitment of event #" + prev.seq());
        }
        if (e.at() < prev.at()) {
            throw KeyEvent.bad(where + " is dated before event #" + prev.seq());
        }
        for (KeyEvent b : before) {
            if (Arrays.equals(b.publicKey(), e.publicKey())) {
                throw KeyEvent.bad(where + " brings back key " + KeyFingerprint.of(e.publicKey()) + " of event #" + b.seq());
            }
        }
        return e;
    }

    /** Reads the {@code keyEvents} array of a document (identity.json, a proof) and verifies it. */
    public static KeyEventLog fromJson(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw KeyEvent.bad("keyEvents is not an array");
        }
        List<KeyEvent> list = new ArrayList<>();
        array.forEach(n -> list.add(KeyEvent.fromJson(n)));
        return verify(list);
    }

    public ArrayNode toJson() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        events.forEach(e -> a.add(e.toJson()));
        return a;
    }

    public List<KeyEvent> events() {
        return events;
    }

    public String id() {
        return events.get(0).id();
    }

    public SignatureAlgorithm algorithm() {
        return events.get(0).algorithm();
    }

    public KeyEvent current() {
        return events.get(events.size() - 1);
    }

    public KeyEvent inception() {
        return events.get(0);
    }

    /** The event that made {@code key} current, if it ever was. */
    public Optional<KeyEvent> eventOf(byte[] key) {
        return events.stream().filter(e -> Arrays.equals(e.publicKey(), key)).findFirst();
    }

    /**
     * Walks the log from a key the verifier already trusts (a pin, the inception record, its own copy):
     * the trusted key must be one of the log's keys, and then the log's current key speaks for the ID.
     * KEY_MISMATCH when the trusted key is not in the log (another identity's log under this ID).
     */
    public KeyEvent followFrom(SignatureAlgorithm alg, byte[] trustedKey) {
        if (alg != algorithm() || eventOf(trustedKey).isEmpty()) {
            throw new MemosException(dev.memos.error.ErrorKind.KEY_MISMATCH, "the key event log of " + id()
                    + " does not contain the known key " + KeyFingerprint.of(trustedKey) + ": it is another key's history");
        }
        return current();
    }

    /**
     * Whether a signature by {@code key} made at {@code signedAt} (Unix seconds, as the signed material
     * states it) stands: the current key always; a rotated-out key only for material dated strictly
     * before the rotation that replaced it. Empty when it stands, else the reason to refuse.
     */
    public Optional<String> refusal(byte[] key, long signedAt) {
        for (int i = 0; i < events.size(); i++) {
            if (Arrays.equals(events.get(i).publicKey(), key)) {
                if (i == events.size() - 1) {
                    return Optional.empty();
                }
                KeyEvent replaced = events.get(i + 1);
                return signedAt < replaced.at() ? Optional.empty()
                        : Optional.of("signed by key " + KeyFingerprint.of(key) + " of " + id() + ", rotated out by rotation #"
                        + replaced.seq() + " at " + replaced.at() + "; material dated " + signedAt + " is after the rotation");
            }
        }
        return Optional.of("key " + KeyFingerprint.of(key) + " is not in the key event log of " + id());
    }

    @Override
    public String toString() {
        return "KeyEventLog[" + id() + ", " + events.size() + " events, current " + KeyFingerprint.of(current().publicKey()) + "]";
    }
}
