package dev.memos.store;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The only way memos starts a program. A child gets a cleared environment plus an allow-list
 * ({@link #BASE_NAMES} and the names the user configures in {@code process.env-allow}), never the
 * parent's whole environment: the parent holds ETH_PRIVATE_KEY, passphrases and the HSM PIN, and a
 * configured program may forward whatever it sees to a remote model. Names on the deny list are
 * never passed, even when allow-listed. ArchitectureTest forbids {@code new ProcessBuilder}
 * anywhere else.
 */
public final class ChildProcesses {
    /** Always passed (when set): what an ordinary program needs to find itself, its files and its locale. */
    public static final List<String> BASE_NAMES = List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR");

    /** How long a tree gets between TERM and KILL on {@link #destroyTree}. */
    public static final Duration DEFAULT_GRACE = Duration.ofMillis(500);

    private final Set<String> allowed;
    private final Set<String> denied;
    private final Map<String, String> parent;

    private ChildProcesses(Set<String> allowed, Set<String> denied, Map<String, String> parent) {
        this.allowed = allowed;
        this.denied = denied;
        this.parent = parent;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The exact environment a child receives: allow-listed names that are set in the parent and not denied. */
    public Map<String, String> environment() {
        Map<String, String> out = new TreeMap<>();
        for (String name : allowed) {
            String value = parent.get(name);
            if (value != null && !denied.contains(name)) {
                out.put(name, value);
            }
        }
        return out;
    }

    /** Starts {@code command} (no shell) with {@link #environment()} and stderr discarded. */
    public Process start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // ProcessBuilder starts from a copy of the JVM's environment: clear it, then add only what is allowed
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(environment());
        return pb.start();
    }

    /**
     * Ends {@code p} and every process below it: the descendants are listed before anything is
     * signalled (once the parent dies they are re-parented to init and no longer reachable from it),
     * all get TERM, and whatever is still alive after {@code grace} — including children forked in
     * the meantime — gets KILL. Returns once all of them are gone or 5 s after the KILL.
     */
    public static void destroyTree(Process p, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(p.toHandle());
        p.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        awaitExit(tree, grace);
        List<ProcessHandle> survivors = new ArrayList<>();
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                survivors.add(h);
                h.descendants().forEach(survivors::add);
            }
        }
        survivors.forEach(ProcessHandle::destroyForcibly);
        awaitExit(survivors, Duration.ofSeconds(5));
    }

    private static void awaitExit(List<ProcessHandle> handles, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (handles.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        // names only: values may be anything the user allow-listed
        return "ChildProcesses[allow=" + allowed + ", deny=" + denied + "]";
    }

    public static final class Builder {
        private final Set<String> allowed = new LinkedHashSet<>(BASE_NAMES);
        private final Set<String> denied = new LinkedHashSet<>();
        private Map<String, String> parent = System.getenv();

        private Builder() {
        }

        /** Extra names to pass (from {@code process.env-allow}). */
        public Builder allow(Collection<String> names) {
            allowed.addAll(names);
            return this;
        }

        /** Names never passed, whatever the allow-list says (the secret variables). */
        public Builder deny(Collection<String> names) {
            denied.addAll(names);
            return this;
        }

        /** The environment the allowed values are taken from; the JVM's own by default. */
        public Builder parentEnvironment(Map<String, String> env) {
            parent = Map.copyOf(env);
            return this;
        }

        public ChildProcesses build() {
            return new ChildProcesses(Set.copyOf(allowed), Set.copyOf(denied), parent);
        }
    }
}
