package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgParserTest {
    static final CommandSpec SPEC = CommandSpec.builder("backup")
            .summary("s").example("backup --input x")
            .option(OptionSpec.value("input", "DIR", "dir").mandatory())
            .option(OptionSpec.value("compression", "ALG", "c").choices("zstd", "gzip", "none").defaultsTo("zstd"))
            .option(OptionSpec.value("scope", "S", "s").many())
            .option(OptionSpec.flag("force", "f"))
            .option(OptionSpec.positional("extra", "e"))
            .build();

    @Test
    void parses_values_flags_equals_form_and_defaults() {
        Args a = ArgParser.parse(SPEC, List.of("--input", "mem", "--force", "--scope=a", "--scope", "b", "pos"));
        assertEquals("mem", a.require("input"));
        assertTrue(a.flag("force"));
        assertEquals(List.of("a", "b"), a.all("scope"));
        assertEquals("zstd", a.require("compression"));
        assertEquals("pos", a.require("extra"));
    }

    @Test
    void double_dash_ends_options() {
        Args a = ArgParser.parse(SPEC, List.of("--input", "x", "--", "--not-an-option"));
        assertEquals("--not-an-option", a.require("extra"));
    }

    @Test
    void rejects_unknown_option_with_suggestion() {
        MemosException e = assertThrows(MemosException.class, () -> ArgParser.parse(SPEC, List.of("--inptu", "x")));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("did you mean '--input'"), e.getMessage());
    }

    @Test
    void rejects_missing_required_option() {
        MemosException e = assertThrows(MemosException.class, () -> ArgParser.parse(SPEC, List.of()));
        assertTrue(e.getMessage().contains("--input"), e.getMessage());
    }

    @Test
    void rejects_value_outside_choices() {
        assertThrows(MemosException.class, () -> ArgParser.parse(SPEC, List.of("--input", "x", "--compression", "lz4")));
    }

    @Test
    void rejects_missing_value_and_repeated_single_option_and_extra_positional() {
        assertThrows(MemosException.class, () -> ArgParser.parse(SPEC, List.of("--input")));
        assertThrows(MemosException.class, () -> ArgParser.parse(SPEC, List.of("--input", "a", "--input", "b")));
        assertThrows(MemosException.class, () -> ArgParser.parse(SPEC, List.of("--input", "a", "p1", "p2")));
        assertThrows(MemosException.class, () -> ArgParser.parse(SPEC, List.of("--input", "a", "--force=yes")));
    }

    @Test
    void typed_getters_name_the_option() {
        Args a = ArgParser.parse(SPEC, List.of("--input", "x", "--scope", "12"));
        MemosException e = assertThrows(MemosException.class, () -> a.longValue("input", 0, 10));
        assertTrue(e.getMessage().contains("--input"));
        assertThrows(MemosException.class, () -> a.longValue("scope", 0, 10));
    }
}
