package dev.memos.shell;

import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.List;

/**
 * Options that apply to every command, accepted before the command name and anywhere in a
 * command's own options: {@code --json}, {@code --profile NAME}, {@code --debug}, {@code --quiet},
 * {@code --no-color}.
 */
public record GlobalOptions(boolean json, String profile, boolean debug, boolean quiet, boolean noColor) {

    public static GlobalOptions defaults() {
        return new GlobalOptions(false, null, false, false, false);
    }

    public GlobalOptions merge(GlobalOptions other) {
        return new GlobalOptions(json || other.json, other.profile != null ? other.profile : profile,
                debug || other.debug, quiet || other.quiet, noColor || other.noColor);
    }

    /** Removes global options from {@code tokens} (before a {@code --}) and returns them. */
    public static GlobalOptions extract(List<String> tokens) {
        boolean json = false;
        boolean debug = false;
        boolean quiet = false;
        boolean noColor = false;
        String profile = null;
        List<String> rest = new ArrayList<>();
        boolean ended = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (ended) {
                rest.add(t);
                continue;
            }
            switch (t) {
                case "--" -> {
                    ended = true;
                    rest.add(t);
                }
                case "--json" -> json = true;
                case "--debug" -> debug = true;
                case "--quiet", "-q" -> quiet = true;
                case "--no-color" -> noColor = true;
                case "--profile" -> {
                    if (i + 1 >= tokens.size()) {
                        throw MemosException.usage("--profile needs a value: local or mainnet");
                    }
                    profile = tokens.get(++i);
                }
                default -> {
                    if (t.startsWith("--profile=")) {
                        profile = t.substring("--profile=".length());
                    } else {
                        rest.add(t);
                    }
                }
            }
        }
        tokens.clear();
        tokens.addAll(rest);
        return new GlobalOptions(json, profile, debug, quiet, noColor);
    }
}
