package dev.memos.ring;

import java.time.Duration;
import java.util.List;

/**
 * Child JVM of {@link ExternalSummarizerIsolationTest}: started with the four secrets in its real
 * environment, it runs the summariser exactly as memos does (default launcher, System.getenv()).
 * Args: summariser command line, extra allow-listed name.
 */
public final class SummariserEnvProbe {
    public static void main(String[] args) throws Exception {
        String summary = new ExternalSummarizer(args[0], Duration.ofSeconds(20), List.of(args[1])).summarize(List.of("probe"), 100);
        System.out.println("summary=" + summary);
    }
}
