package dev.memos.ring;

import java.util.List;

/**
 * Turns several memories into one shorter text during promotion. Implementations: the built-in
 * {@link ExtractiveSummarizer} (deterministic, no network) and {@link ExternalSummarizer} (a
 * configured program). {@link #id()} is recorded with every promotion, so a change of summariser
 * (a model upgrade) is visible in the chain.
 */
public interface Summarizer {
    String id();

    /** A summary of at most {@code maxBytes} UTF-8 bytes; throws when it cannot produce one. */
    String summarize(List<String> texts, int maxBytes) throws Exception;
}
