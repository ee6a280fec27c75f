package dev.memos.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command produced: human text for a terminal and a structured value for {@code --json}.
 * Warnings go to stderr for people and into {@code "warnings"} for programs.
 */
public final class CommandResult {
    private final String text;
    private final Object data;
    private final List<String> warnings;

    private CommandResult(String text, Object data, List<String> warnings) {
        this.text = text;
        this.data = data;
        this.warnings = List.copyOf(warnings);
    }

    public static CommandResult of(String text, Object data) {
        return new CommandResult(text, data, List.of());
    }

    /** Text for people; programs get {@code {"message": text}}. */
    public static CommandResult text(String text) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", text);
        return new CommandResult(text, data, List.of());
    }

    public static CommandResult empty() {
        return new CommandResult("", Map.of(), List.of());
    }

    public CommandResult withWarnings(List<String> more) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new CommandResult(text, data, all);
    }

    public String text() {
        return text;
    }

    public Object data() {
        return data;
    }

    public List<String> warnings() {
        return warnings;
    }
}
