package dev.memos.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for tests that start real programs and check, by pid, what is still running afterwards. */
public final class ProcessTrees {
    /**
     * A /bin/sh script that ignores TERM, starts two {@code sleep 40} in the background and waits for
     * them; it appends the two sleeps' pids and then its own to the file named by its first argument.
     */
    public static final String FORKS_AND_IGNORES_TERM =
            "trap '' TERM\nsleep 40 &\necho $! >>\"$1\"\nsleep 40 &\necho $! >>\"$1\"\necho $$ >>\"$1\"\nwait\n";

    private ProcessTrees() {
    }

    /** Writes an executable /bin/sh script {@code dir/name}. */
    public static Path script(Path dir, String name, String body) throws IOException {
        Path s = dir.resolve(name);
        Files.writeString(s, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
        return s;
    }

    /** The first {@code count} pids a script wrote to {@code file}, waiting up to 10 s for them. */
    public static List<Long> pids(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() > count || lines.size() == count && !lines.get(count - 1).isBlank()) {
                    return lines.stream().limit(count).map(l -> Long.parseLong(l.strip())).toList();
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the script did not write " + count + " pids to " + file);
    }

    /** Running: /proc has it and it is not a zombie (an init that never reaps would keep zombies forever). */
    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
