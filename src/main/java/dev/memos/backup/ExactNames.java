package dev.memos.backup;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * File names byte for byte, whatever the locale (FORMAT.md §3.3). The JDK turns a Unix path's bytes
 * into a String with the locale's charset ({@code sun.jnu.encoding}, which no JVM flag can change):
 * under cron, {@code env -i} or systemd that is ASCII, and {@code café} reads as {@code caf??} and
 * cannot be created at all. A bundle stores names as UTF-8, so this class reads and builds names
 * from the raw bytes instead, through the file URI, whose percent-escapes carry the bytes
 * unchanged. A name whose bytes are not valid UTF-8 cannot be stored and is refused by name.
 */
public final class ExactNames {
    private static final boolean UTF8_LOCALE = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", ""));

    private ExactNames() {
    }

    /** The exact UTF-8 name of the last component of {@code p}; refuses a name that is not valid UTF-8. */
    public static String nameOf(Path p) {
        String shown = p.getFileName().toString();
        if (roundTrips(p, shown)) {
            return shown;
        }
        byte[] raw = rawLastComponent(p);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new MemosException(ErrorKind.USAGE, "the name " + escape(raw) + " in "
                    + p.getParent() + " is not valid UTF-8, and a bundle keeps names as UTF-8: rename it"
                    + " (e.g. with convmv) and run again; nothing was changed");
        }
    }

    /** As {@link #nameOf}, but a name that is not valid UTF-8 comes back as the JDK shows it (for matching only). */
    static String nameOrShown(Path p) {
        try {
            return nameOf(p);
        } catch (MemosException e) {
            return p.getFileName().toString();
        }
    }

    /** {@code base} joined with a '/'-separated UTF-8 name, as those exact bytes whatever the locale. */
    static Path resolve(Path base, String name) {
        if (UTF8_LOCALE || isAscii(name)) {
            return base.resolve(name);
        }
        StringBuilder uri = new StringBuilder("file://").append(stripSlash(base.toAbsolutePath().toUri().getRawPath()));
        uri.append('/');
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/' || Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '_' || c == '.' || c == '~') {
                uri.append((char) c);
            } else {
                uri.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return Path.of(URI.create(uri.toString()));
    }

    /** A name for messages: printable ASCII and valid UTF-8 as they are, other bytes as \xNN. */
    static String escape(byte[] raw) {
        StringBuilder b = new StringBuilder("\"");
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c >= 0x7f || c == '"' || c == '\\' ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.append('"').toString();
    }

    // Under a UTF-8 locale a name that decodes and encodes back to the same bytes is exact; under any
    // other locale only plain ASCII is (ISO-8859-1 would "round-trip" UTF-8 bytes as mojibake).
    private static boolean roundTrips(Path p, String shown) {
        if (!UTF8_LOCALE && !isAscii(shown)) {
            return false;
        }
        try {
            Path parent = p.getParent();
            return parent != null && parent.resolve(shown).equals(p);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static byte[] rawLastComponent(Path p) {
        String path = stripSlash(p.toAbsolutePath().toUri().getRawPath());
        String last = path.substring(path.lastIndexOf('/') + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(last.length());
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            if (c == '%' && i + 2 < last.length()) {
                out.write(Integer.parseInt(last.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static String stripSlash(String rawPath) {
        return rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
