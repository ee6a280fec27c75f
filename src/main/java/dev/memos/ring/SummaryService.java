package dev.memos.ring;

import java.util.List;

/**
 * Runs the configured summariser and falls back to the built-in one when it fails or times out
 * (seed: "Summarizer outage — quality degrades, chain intact"). The result says which one ran.
 */
public final class SummaryService {
    /** What a summary run produced and who produced it. */
    public record Result(String text, String summarizer, boolean fallback, String failure) {
    }

    private final Summarizer primary;
    private final ExtractiveSummarizer builtin = new ExtractiveSummarizer();

    public SummaryService(Summarizer primary) {
        this.primary = primary;
    }

    public static SummaryService builtin() {
        return new SummaryService(new ExtractiveSummarizer());
    }

    public String primaryId() {
        return primary.id();
    }

    public Result summarize(List<String> texts, int maxBytes) {
        if (texts.isEmpty()) {
            return new Result("", primary.id(), false, null);
        }
        try {
            return new Result(primary.summarize(texts, maxBytes), primary.id(), false, null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(builtin.summarize(texts, maxBytes), builtin.id(), true, why);
        }
    }
}
