package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memos.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * SKILL.md teaches agents by example, so every example in it must keep working: each fenced {@code sh}
 * block runs in bash ({@code -euo pipefail}) with {@code memos} on PATH, in order, in one home and one
 * working folder (a copy of examples/), as the document says; each {@code json} block holds envelopes
 * of the documented shape; and its exit-code table lists exactly the codes {@code help exit-codes} has.
 */
@Tag("arlocal")
class SkillExamplesIT {
    static final Path SKILL = MemosProcess.ROOT.resolve("SKILL.md");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```([a-z]*)[^\\n]*\\n(.*?)^```\\s*$");
    private static final Pattern EXIT_ROW = Pattern.compile("(?m)^\\| (\\d+) \\| ([^|]+) \\|");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The fenced blocks of a Markdown text with the given info string, in document order. */
    static List<String> blocks(String markdown, String language) {
        List<String> found = new ArrayList<>();
        Matcher m = FENCE.matcher(markdown);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                found.add(m.group(2));
            }
        }
        return found;
    }

    @TestFactory
    Stream<DynamicTest> every_shell_example_in_skill_md_runs() throws IOException {
        List<String> examples = blocks(Files.readString(SKILL), "sh");
        assertTrue(examples.size() >= 4, "SKILL.md lost its examples: " + examples.size() + " sh blocks");
        assertTrue(examples.stream().anyMatch(b -> b.contains("examples/agent-session.memos")),
                "SKILL.md must run examples/agent-session.memos");
        Path work = Files.createDirectories(tmp.resolve("work"));
        TestFiles.copyTree(MemosProcess.ROOT.resolve("examples"), work.resolve("examples"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("memos"), MemosProcess.LAUNCHER);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            String block = examples.get(i);
            String name = "example " + (i + 1) + ": " + block.lines().findFirst().orElse("");
            tests.add(DynamicTest.dynamicTest(name, () -> runShell(block, work, bin)));
        }
        return tests.stream();
    }

    private void runShell(String block, Path work, Path bin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.remove("MEMOS_PASSPHRASE");
        env.remove("MEMOS_EXPORT_PASSPHRASE");
        env.remove("MEMOS_HSM_PIN");
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("MEMOS_HOME", tmp.resolve("home").toString());
        env.put("MEMOS_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("ETH_PRIVATE_KEY", ShellModesIT.KEY);
        env.put("NO_COLOR", "1");
        Path log = Files.createTempFile(tmp, "example", ".log");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the example did not finish in 240 s:\n" + block);
        }
        assertEquals(0, p.exitValue(), "this SKILL.md example failed:\n" + block + "\noutput:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void json_examples_in_skill_md_are_one_envelope_per_line() throws IOException {
        List<String> samples = blocks(Files.readString(SKILL), "json");
        assertFalse(samples.isEmpty(), "SKILL.md shows no --json output");
        for (String sample : samples) {
            for (String line : sample.strip().split("\n")) {
                JsonNode n = JSON.readTree(line);
                assertTrue(n.isObject() && n.path("command").isTextual() && n.path("ok").isBoolean()
                        && n.path("exit").isInt(), "not an envelope: " + line);
                boolean ok = n.get("ok").asBoolean();
                assertEquals(ok, n.get("exit").asInt() == 0, "ok and exit disagree: " + line);
                assertEquals(ok, n.has("result"), "result must be present exactly when ok: " + line);
                assertEquals(!ok, n.has("error") && n.get("error").path("code").isTextual()
                        && n.get("error").path("message").isTextual(), "error must be present exactly when not ok: " + line);
            }
        }
    }

    @Test
    void exit_code_table_matches_help_exit_codes() throws Exception {
        MemosProcess.Result r = new MemosProcess(tmp.resolve("help-home")).run("--json", "help", "exit-codes");
        assertEquals(0, r.exit(), r.err());
        Map<String, String> help = new LinkedHashMap<>();
        JSON.readTree(r.out()).path("result").path("exit_codes")
                .forEach(e -> help.put(e.path("code").asText(), e.path("meaning").asText()));
        assertTrue(help.size() >= 10, "help exit-codes lists too few codes: " + help);
        Map<String, String> skill = new LinkedHashMap<>();
        Matcher m = EXIT_ROW.matcher(Files.readString(SKILL));
        while (m.find()) {
            skill.put(m.group(1), m.group(2).strip());
        }
        assertEquals(help.keySet(), skill.keySet(), "SKILL.md's exit codes differ from 'memos help exit-codes'");
        help.forEach((code, meaning) -> {
            String label = meaning.split("[:,(]")[0].strip();
            assertTrue(skill.get(code).startsWith(label),
                    "SKILL.md says exit " + code + " is '" + skill.get(code) + "', help says '" + meaning + "'");
        });
    }
}
