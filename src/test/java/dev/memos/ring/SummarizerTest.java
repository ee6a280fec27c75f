package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SummarizerTest {
    private final ExtractiveSummarizer builtin = new ExtractiveSummarizer();

    @Property(tries = 200)
    void builtin_summary_is_deterministic_and_within_budget(@ForAll List<String> texts, @ForAll @IntRange(min = 16, max = 600) int max) {
        String a = builtin.summarize(texts, max);
        assertEquals(a, builtin.summarize(texts, max));
        assertTrue(a.getBytes(StandardCharsets.UTF_8).length <= max);
    }

    @Test
    void builtin_keeps_the_sentences_about_the_recurring_topic() {
        String s = builtin.summarize(List.of("The budget meeting moved to Friday. I had coffee.",
                "Alice approved the budget. The weather was grey.", "Budget numbers go to Bob."), 90);
        assertTrue(s.toLowerCase().contains("budget"), s);
        assertFalse(s.contains("coffee"), s);
    }

    @Test
    void truncation_never_splits_a_character() {
        String t = ExtractiveSummarizer.truncate("ééééé", 5);
        assertEquals("éé", t);
    }

    @Test
    void external_summariser_output_is_used_and_its_id_names_the_command() throws Exception {
        ExternalSummarizer ext = new ExternalSummarizer("head -c 20", Duration.ofSeconds(10));
        assertTrue(ext.id().startsWith("external:"));
        assertEquals(20, ext.summarize(List.of("a long enough text for twenty bytes"), 100).length());
        SummaryService.Result r = new SummaryService(ext).summarize(List.of("x y z"), 100);
        assertFalse(r.fallback());
        assertEquals(ext.id(), r.summarizer());
    }

    @Test
    void missing_external_program_falls_back_to_builtin() {
        SummaryService.Result r = new SummaryService(new ExternalSummarizer("/nonexistent/summarizer", Duration.ofSeconds(2)))
                .summarize(List.of("Keep this."), 100);
        assertTrue(r.fallback());
        assertEquals(ExtractiveSummarizer.ID, r.summarizer());
        assertEquals("Keep this.", r.text());
    }

    @Test
    void injection_filter_does_not_flag_ordinary_memories() {
        InjectionFilter f = new InjectionFilter(2048);
        for (String ok : List.of("Met the system administrator about backups.", "Ignore the noise from the fan.",
                "User interviews went well:\n- fast\n- cheap", "Tabs\tare fine", "Prévenir l'équipe à 9h")) {
            assertTrue(f.flags(ok).isEmpty(), ok + " -> " + f.flags(ok));
        }
    }
}
