package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.memos.identity.IdValidation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader copies example ids from help and the README; every one of them must pass `id validate`. */
class HelpExampleIdsTest {
    /** Anything shaped like an id, valid or not, so a wrong checksum cannot slip past the scan. */
    private static final Pattern ID_SHAPE = Pattern.compile("CW-[A-Z0-9]{2,12}\\.[A-Z0-9]{6}-[A-Z0-9]{2}");
    /** Placeholders that show the form, not an id. */
    private static final Set<String> PLACEHOLDERS = Set.of("CW-NOVA.XXXXXX-CC", "CW-NAME.SUFFIX-CC");

    static List<String> invalidIds(String source, String text) {
        List<String> bad = new ArrayList<>();
        Matcher m = ID_SHAPE.matcher(text);
        while (m.find()) {
            String id = m.group();
            IdValidation v = IdValidation.check(id);
            if (!PLACEHOLDERS.contains(id) && !v.valid()) {
                bad.add(source + ": " + id + " (" + v.message() + ")");
            }
        }
        return bad;
    }

    @Test
    void every_id_in_every_help_text_validates(@TempDir Path home) {
        List<String> bad = new ArrayList<>();
        for (Command c : CommandCatalog.standard().commands()) {
            CommandSpec s = c.spec();
            CliHarness.Run r = new CliHarness(home).run(("help " + s.name()).split(" "));
            assertEquals(0, r.exit(), "help " + s.name() + ": " + r.err());
            bad.addAll(invalidIds("help " + s.name(), r.out()));
            StringBuilder all = new StringBuilder(s.summary()).append('\n').append(s.example());
            s.options().forEach(o -> all.append('\n').append(o.description()));
            bad.addAll(invalidIds("spec of " + s.name(), all.toString()));
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void every_example_id_in_readme_and_example_scripts_validates() throws IOException {
        List<String> bad = new ArrayList<>();
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        // The README names the seed's own, invalid example once, on purpose, to explain why ours differs.
        bad.addAll(invalidIds("README.md", readme.replace("The seed's example `CW-NOVA.R7KMX2-E2`", "")));
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".memos")).toList()) {
                bad.addAll(invalidIds(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void the_scan_catches_the_seed_example_that_fails_our_checksum() {
        assertFalse(invalidIds("probe", "unlock CW-NOVA.R7KMX2-E2").isEmpty());
        assertEquals(List.of(), invalidIds("probe", "unlock CW-NOVA.R7KMX2-AA"));
    }
}
