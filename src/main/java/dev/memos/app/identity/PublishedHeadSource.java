package dev.memos.app.identity;

import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.ring.PublishedHeads;
import dev.memos.ring.SignedHead;
import dev.memos.token.HeadSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The newest chain head published for an identity (FORMAT.md §13.5), for a token verifier that
 * computes trust itself ({@code token verify --min-trust}). Reads the same items clone detection
 * reads, through the same {@link HeadWatch.Channel}; keeps only v2 heads of the ID under its key with
 * a valid signature, and of those the one with the latest trust inputs. Bounded: the newest
 * {@value #MAX_FETCHED} items are downloaded, so a flood under the tag costs a verifier little.
 */
public final class PublishedHeadSource implements HeadSource {
    static final int MAX_FETCHED = 16;
    private final HeadWatch.Channel channel;

    private PublishedHeadSource(HeadWatch.Channel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    public static PublishedHeadSource over(HeadWatch.Channel channel) {
        return new PublishedHeadSource(channel);
    }

    @Override
    public Optional<SignedHead> newest(String id, SignatureAlgorithm alg, byte[] publicKey) {
        List<HeadWatch.Candidate> all = new ArrayList<>(channel.list(PublishedHeads.tags(alg, publicKey)));
        all.sort(Comparator.comparing((HeadWatch.Candidate c) -> c.height() == null ? Long.MAX_VALUE : c.height()).reversed());
        SignedHead best = null;
        for (HeadWatch.Candidate c : all.subList(0, Math.min(all.size(), MAX_FETCHED))) {
            Optional<SignedHead> h = channel.fetch(c.txId(), PublishedHeads.MAX_BYTES)
                    .flatMap(b -> PublishedHeads.parse(b, id, alg, publicKey))
                    .filter(x -> x.trust() != null);
            if (h.isPresent() && (best == null || h.get().trust().asOf() > best.trust().asOf())) {
                best = h.get();
            }
        }
        return Optional.ofNullable(best);
    }
}
