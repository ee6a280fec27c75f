package dev.memos.shell.repl;

import dev.memos.config.MemosHome;
import dev.memos.shell.CommandCatalog;
import dev.memos.shell.CompletionScripts;
import dev.memos.shell.OptionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Values a REPL user can TAB through for one option: paths, fixed choices, known IDs and tx ids. */
final class ValueCompleter {
    /** One proposal; {@code complete} false keeps the cursor in the word (a directory to descend into). */
    record Item(String value, boolean complete) {
    }

    private final MemosHome home;
    private final CommandCatalog catalog;

    ValueCompleter(MemosHome home, CommandCatalog catalog) {
        this.home = home;
        this.catalog = catalog;
    }

    List<Item> complete(OptionSpec option, String typed) {
        return switch (option.completion()) {
            case FILE -> paths(typed, false);
            case DIRECTORY -> paths(typed, true);
            case CHOICES -> words(option.choices(), typed);
            case IDENTITY -> words(lines(CompletionScripts.IDENTITIES_FILE), typed);
            case TX_ID -> words(lines(CompletionScripts.TXIDS_FILE), typed);
            case COMMAND -> {
                List<String> names = new ArrayList<>(catalog.topWords());
                names.add("exit-codes");
                yield words(names, typed);
            }
            case NONE -> List.of();
        };
    }

    private static List<Item> words(List<String> candidates, String typed) {
        return candidates.stream().filter(c -> c.startsWith(typed)).map(c -> new Item(c, true)).toList();
    }

    private List<String> lines(String relative) {
        try {
            return Files.readAllLines(home.resolve(relative), StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Item> paths(String typed, boolean directoriesOnly) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash >= 0 ? typed.substring(0, slash + 1) : "";
        String prefix = slash >= 0 ? typed.substring(slash + 1) : typed;
        Path dir = dirPart.isEmpty() ? Path.of(".") : Path.of(dirPart);
        List<Item> items = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                boolean isDir = Files.isDirectory(p);
                if (name.startsWith(prefix) && (isDir || !directoriesOnly) && (!name.startsWith(".") || prefix.startsWith("."))) {
                    items.add(new Item(dirPart + name + (isDir ? "/" : ""), !isDir));
                }
            }
        } catch (IOException ignored) {
            // nothing to offer for an unreadable folder
        }
        items.sort((a, b) -> a.value().compareTo(b.value()));
        return items;
    }
}
