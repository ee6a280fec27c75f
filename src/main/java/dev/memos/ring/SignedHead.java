package dev.memos.ring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain head signed by the identity key: the checkpoint peers exchange. It names the last step
 * (index, hash, time), the sealed archive (months, root) and the hashes of the last
 * {@value Chain#RECENT} steps, so two heads alone decide most forks (FORMAT.md §10.6). A v2 head
 * also commits to the {@link TrustInputs} at its signing, so a verifier recomputes the trust score
 * from the head alone ({@link TrustScore#fromHead}); {@code trust} is null for a v1 head.
 */
public record SignedHead(String id, SignatureAlgorithm algorithm, byte[] publicKey, long genesis, long step, byte[] stepHash,
                         long stepTime, int firstMonth, int months, byte[] archiveRoot, List<byte[]> recent, String summarizer,
                         byte[] signature, TrustInputs trust) {
    /** The first head format: no trust inputs. Still verified; written only by the frozen vectors. */
    public static final String FORMAT = "memos-ring-head-v1";
    /** The head format written now: v1's members plus {@code trust}. */
    public static final String FORMAT_V2 = "memos-ring-head-v2";

    /** How two heads of one identity relate. */
    public enum Relation { SAME, FIRST_EXTENDS_SECOND, SECOND_EXTENDS_FIRST, FORK, UNDECIDED }

    public SignedHead {
        recent = List.copyOf(recent);
    }

    /** A v1 head (no trust inputs). */
    public SignedHead(String id, SignatureAlgorithm algorithm, byte[] publicKey, long genesis, long step, byte[] stepHash,
                      long stepTime, int firstMonth, int months, byte[] archiveRoot, List<byte[]> recent, String summarizer,
                      byte[] signature) {
        this(id, algorithm, publicKey, genesis, step, stepHash, stepTime, firstMonth, months, archiveRoot, recent, summarizer,
                signature, null);
    }

    /**
     * A v2 head of {@code chain}, committing to its trust inputs at {@code now} (never before the last
     * step) and to the quarantine state.
     */
    static SignedHead sign(Chain chain, Signer signer, String summarizer, boolean quarantined, long now) {
        return sign(chain, signer, summarizer, TrustInputs.of(chain, quarantined, Math.max(now, chain.lastTime())));
    }

    /**
     * A v2 head of {@code store}'s chain as it stands, signed now by {@code identityKey} and not stored:
     * what a token embeds so its verifier recomputes the trust score (FORMAT.md §11.2). Its chain members
     * are the stored head's, so it never forks from it. Refused for any key but the chain's own.
     */
    public static SignedHead fresh(RingStore store, Signer identityKey) {
        return store.locked(() -> {
            StoreState s = store.state;
            if (identityKey.algorithm() != s.algorithm || !Bytes.same(identityKey.publicKey(), s.publicKey)) {
                throw MemosException.integrity("the key offered to sign " + s.id + "'s chain head is not the key of its memory chain");
            }
            return sign(s.chain, identityKey, s.summarizer, store.quarantined(), store.now());
        });
    }

    /** A v1 head: only the frozen vectors still make one (RingVectorsTest). */
    static SignedHead signV1(Chain chain, Signer signer, String summarizer) {
        return sign(chain, signer, summarizer, null);
    }

    private static SignedHead sign(Chain chain, Signer signer, String summarizer, TrustInputs trust) {
        List<byte[]> recent = chain.recent();
        SignedHead unsigned = new SignedHead(chain.id, signer.algorithm(), signer.publicKey(), chain.genesisTime, chain.lastIndex(),
                recent.get(recent.size() - 1), chain.lastTime(), chain.archive.firstMonth(), chain.archive.months(),
                chain.archive.root(chain.id), recent, summarizer, new byte[0], trust);
        byte[] sig = signer.sign(unsigned.signedBytes());
        return new SignedHead(unsigned.id, unsigned.algorithm, unsigned.publicKey, unsigned.genesis, unsigned.step,
                unsigned.stepHash, unsigned.stepTime, unsigned.firstMonth, unsigned.months, unsigned.archiveRoot, recent,
                summarizer, sig, trust);
    }

    /** {@value #FORMAT} or {@value #FORMAT_V2}. */
    public String format() {
        return trust == null ? FORMAT : FORMAT_V2;
    }

    byte[] signedBytes() {
        byte[] body = CanonicalJson.bytes(body());
        byte[] prefix = Bytes.utf8(format() + "\n");
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    public boolean signatureValid() {
        return Signatures.verify(algorithm, publicKey, signedBytes(), signature);
    }

    /** Throws unless the signature verifies: everything received from outside passes here first. */
    public SignedHead requireValid(String what) {
        if (!signatureValid()) {
            throw MemosException.integrity(what + ": the chain head signature does not verify; do not trust it");
        }
        return this;
    }

    private ObjectNode body() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("format", format());
        n.put("id", id);
        n.put("alg", algorithm.id());
        n.put("publicKey", Base64Url.encode(publicKey));
        n.put("genesis", genesis);
        n.put("step", step);
        n.put("stepHash", Hex.encode(stepHash));
        n.put("stepTime", stepTime);
        n.put("firstMonth", firstMonth);
        n.put("months", months);
        n.put("archiveRoot", Hex.encode(archiveRoot));
        ArrayNode r = n.putArray("recent");
        recent.forEach(h -> r.add(Hex.encode(h)));
        n.put("summarizer", summarizer);
        if (trust != null) {
            n.set("trust", trust.toJson());
        }
        return n;
    }

    public ObjectNode toJson() {
        ObjectNode n = body();
        n.put("signature", Base64Url.encode(signature));
        return n;
    }

    public byte[] canonical() {
        return CanonicalJson.bytes(toJson());
    }

    public static SignedHead fromJson(JsonNode n) {
        try {
            String format = n.path("format").textValue();
            boolean v2 = FORMAT_V2.equals(format);
            if (!v2 && !FORMAT.equals(format)) {
                throw MemosException.integrity("not a memos chain head (format is neither " + FORMAT + " nor " + FORMAT_V2 + ")");
            }
            if (!v2 && n.has("trust")) {
                throw MemosException.integrity("a " + FORMAT + " chain head carries no trust inputs");
            }
            TrustInputs trust = v2 ? TrustInputs.fromJson(n.get("trust")) : null;
            List<byte[]> recent = new ArrayList<>();
            n.get("recent").forEach(h -> recent.add(Hex.decode(h.textValue())));
            SignedHead h = new SignedHead(n.get("id").textValue(), SignatureAlgorithm.fromId(n.get("alg").textValue()),
                    Base64Url.decode(n.get("publicKey").textValue()), n.get("genesis").longValue(), n.get("step").longValue(),
                    Hex.decode(n.get("stepHash").textValue()), n.get("stepTime").longValue(), n.get("firstMonth").intValue(),
                    n.get("months").intValue(), Hex.decode(n.get("archiveRoot").textValue()), recent,
                    n.get("summarizer").textValue(), Base64Url.decode(n.get("signature").textValue()), trust);
            if (trust != null && trust.asOf() < h.stepTime) {
                throw MemosException.integrity("the chain head's trust inputs are dated before its last step");
            }
            if (recent.isEmpty() || recent.size() > Chain.RECENT || !Bytes.same(recent.get(recent.size() - 1), h.stepHash)
                    || h.stepHash.length != 32 || h.archiveRoot.length != 32 || h.step < 0 || recent.size() > h.step + 1) {
                throw MemosException.integrity("the chain head is inconsistent (recent hashes, lengths or step)");
            }
            return h;
        } catch (NullPointerException | IllegalArgumentException e) {
            throw MemosException.integrity("the chain head is malformed (a field is missing or invalid)");
        }
    }

    /** The hash this head claims for step {@code index}, when it is among its recent hashes. */
    byte[] recentHash(long index) {
        long first = step - recent.size() + 1;
        return index < first || index > step ? null : recent.get((int) (index - first));
    }

    /** Compares two heads of one identity using only what they carry. */
    public static Relation compare(SignedHead a, SignedHead b) {
        if (!a.id.equals(b.id) || !java.util.Arrays.equals(a.publicKey, b.publicKey)) {
            throw MemosException.usage("the two chain heads belong to different identities or keys: nothing to compare");
        }
        SignedHead lo = a.step <= b.step ? a : b;
        SignedHead hi = lo == a ? b : a;
        byte[] claimed = hi.recentHash(lo.step);
        if (claimed == null) {
            return Relation.UNDECIDED;
        }
        if (!Bytes.same(claimed, lo.stepHash)) {
            return Relation.FORK;
        }
        if (a.step == b.step) {
            return Relation.SAME;
        }
        return hi == a ? Relation.FIRST_EXTENDS_SECOND : Relation.SECOND_EXTENDS_FIRST;
    }

    @Override
    public String toString() {
        return "SignedHead[" + id + " step " + step + " " + Hex.encode(stepHash).substring(0, 12) + "…]";
    }
}
