package dev.memos.ring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The built-in summariser: splits the texts into sentences, scores each by the frequency of its
 * content words across all texts (stop words ignored, divided by the square root of its length so
 * long sentences do not win by size), keeps the best sentences in their original order until the
 * byte budget is used. Deterministic: same input, same output, on every machine.
 */
public final class ExtractiveSummarizer implements Summarizer {
    public static final String ID = "builtin-extractive-v1";
    private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "was",
            "are", "were", "be", "it", "this", "that", "with", "as", "at", "by", "from", "i", "we", "you", "he", "she", "they");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summarize(List<String> texts, int maxBytes) {
        List<String> sentences = new ArrayList<>();
        for (String t : texts) {
            for (String s : t.split("(?<=[.!?])\\s+|\\n+")) {
                String clean = s.strip();
                // Repeated sentences add no information; keeping one also stops a text from winning by repetition.
                if (!clean.isEmpty() && !sentences.contains(clean)) {
                    sentences.add(clean);
                }
            }
        }
        Map<String, Integer> freq = new HashMap<>();
        for (String s : sentences) {
            for (String w : words(s)) {
                freq.merge(w, 1, Integer::sum);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            order.add(i);
        }
        double[] score = new double[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            List<String> ws = words(sentences.get(i));
            double sum = 0;
            for (String w : ws) {
                sum += freq.get(w);
            }
            score[i] = ws.isEmpty() ? 0 : sum / Math.sqrt(ws.size());
        }
        // Best first; ties by position so the result never depends on sort stability.
        order.sort((x, y) -> score[x] != score[y] ? Double.compare(score[y], score[x]) : Integer.compare(x, y));
        boolean[] keep = new boolean[sentences.size()];
        int used = 0;
        for (int i : order) {
            int len = sentences.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
            if (used + len <= maxBytes) {
                keep[i] = true;
                used += len;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sentences.size(); i++) {
            if (keep[i]) {
                out.append(out.length() == 0 ? "" : " ").append(sentences.get(i));
            }
        }
        if (out.length() == 0 && !sentences.isEmpty()) {
            return truncate(sentences.get(order.get(0)), maxBytes);
        }
        return out.toString();
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1 && !STOP.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** The longest prefix of {@code s} that fits {@code maxBytes} without splitting a character. */
    static String truncate(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        int end = maxBytes;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
