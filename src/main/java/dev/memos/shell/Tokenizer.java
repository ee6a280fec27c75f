package dev.memos.shell;

import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script or pipe line like a POSIX shell would for the cases people type: single quotes
 * (literal), double quotes (with \" \\ \$ escapes), backslash escapes, whitespace separation and a
 * trailing {@code #} comment outside quotes. No expansion of variables or globs: a memos line
 * means exactly what it says.
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    public static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw MemosException.usage("unclosed single quote: add the closing '");
                }
                cur.append(line, i + 1, end);
                inToken = true;
                i = end + 1;
            } else if (c == '"') {
                i = readDoubleQuoted(line, i + 1, cur);
                inToken = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw MemosException.usage("line ends with a lone backslash: remove it or escape it as \\\\");
                }
                cur.append(line.charAt(i + 1));
                inToken = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
                i++;
            } else if (c == '#' && !inToken) {
                break;
            } else {
                cur.append(c);
                inToken = true;
                i++;
            }
        }
        if (inToken) {
            tokens.add(cur.toString());
        }
        return tokens;
    }

    private static int readDoubleQuoted(String line, int start, StringBuilder cur) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                cur.append(line.charAt(i + 1));
                i += 2;
            } else {
                cur.append(c);
                i++;
            }
        }
        throw MemosException.usage("unclosed double quote: add the closing \"");
    }
}
