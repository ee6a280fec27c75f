package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.error.MemosException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortOptionTest {
    private static final CommandSpec SPEC = CommandSpec.builder("x tail").summary("s").example("e")
            .option(OptionSpec.value("lines", "N", "how many").shortName("n"))
            .option(OptionSpec.flag("follow", "keep going"))
            .option(OptionSpec.positional("file", "a file"))
            .build();

    @Test
    void short_alias_parses_like_the_long_name() {
        assertEquals("5", ArgParser.parse(SPEC, List.of("-n", "5")).require("lines"));
        assertEquals("7", ArgParser.parse(SPEC, List.of("--lines", "7", "--follow")).require("lines"));
    }

    @Test
    void undeclared_dash_letter_stays_positional() {
        assertEquals("-f", ArgParser.parse(SPEC, List.of("-f")).require("file"));
        assertEquals("-n", ArgParser.parse(SPEC, List.of("--", "-n")).require("file"));
    }

    @Test
    void rejects_short_alias_given_twice_or_without_value() {
        assertThrows(MemosException.class, () -> ArgParser.parse(SPEC, List.of("-n", "1", "--lines", "2")));
        assertThrows(MemosException.class, () -> ArgParser.parse(SPEC, List.of("-n")));
    }

    @Test
    void rejects_bad_alias_declarations() {
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.value("a", "A", "d").shortName("ab"));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.positional("p", "d").shortName("p"));
    }
}
