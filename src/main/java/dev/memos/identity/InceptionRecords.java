package dev.memos.identity;

import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Choosing the inception record of an ID among what a gateway lists (FORMAT.md §13.3). The index
 * only names candidates; each is downloaded and checked. Confirmed candidates are taken in order of
 * block height, then transaction id (ASCII order), and the first that parses, names this ID and
 * verifies under its own key wins. Unconfirmed ones are ignored: their place in the order is not
 * fixed yet, and a decoy could be slipped in ahead of a record already seen.
 */
public final class InceptionRecords {
    /** More candidates than this for one ID is a flood: the lookup stops rather than download them all. */
    public static final int MAX_CANDIDATES = 200;

    private InceptionRecords() {
    }

    /** A listed transaction: its id and block height ({@code null} while unconfirmed). */
    public record Candidate(String txId, Long height) {
    }

    /** The winning record, where it was found, and how many earlier candidates were skipped (invalid). */
    public record Found(InceptionRecord record, String txId, long height, int skipped) {
    }

    /** Where candidates come from (Arweave GraphQL in the CLI); the bytes of one are fetched on demand. */
    public interface Source {
        List<Candidate> candidates(String id);

        /** The data of {@code txId}, at most {@code maxBytes + 1} bytes; empty if the gateway does not serve it. */
        Optional<byte[]> data(String txId, int maxBytes);
    }

    /** The earliest validly signed record for {@code id} that {@code source} lists, if any. */
    public static Optional<Found> earliest(String id, Source source) {
        List<Candidate> listed = source.candidates(id);
        if (listed.size() > MAX_CANDIDATES) {
            throw MemosException.integrity("more than " + MAX_CANDIDATES + " inception records are listed for " + id
                    + ": refusing to pick one from a flood; pin the key with 'memos id pin'");
        }
        return earliest(id, listed, txId -> source.data(txId, InceptionRecord.MAX_BYTES).orElse(null));
    }

    /** As above over a given list; {@code fetch} returns null for a candidate the gateway does not serve (NETWORK error). */
    public static Optional<Found> earliest(String id, List<Candidate> listed, Function<String, byte[]> fetch) {
        List<Candidate> ordered = new ArrayList<>();
        for (Candidate c : listed) {
            if (c.height() != null && c.txId() != null) {
                ordered.add(c);
            }
        }
        ordered.sort(Comparator.comparingLong(Candidate::height).thenComparing(Candidate::txId));
        int skipped = 0;
        for (Candidate c : ordered) {
            byte[] bytes = fetch.apply(c.txId());
            if (bytes == null) {
                // Skipping it could let a later record win: fail closed (a pin works without the network).
                throw MemosException.network("inception candidate " + c.txId() + " of " + id + " is listed but not served, so the"
                        + " earliest record cannot be decided: try again later, or pin the key with 'memos id pin'", null);
            }
            if (valid(id, bytes)) {
                return Optional.of(new Found(InceptionRecord.parse(bytes), c.txId(), c.height(), skipped));
            }
            skipped++;
        }
        return Optional.empty();
    }

    private static boolean valid(String id, byte[] bytes) {
        try {
            InceptionRecord r = InceptionRecord.parse(bytes);
            return r.id().equals(id) && r.signatureValid();
        } catch (MemosException e) {
            return false;
        }
    }
}
