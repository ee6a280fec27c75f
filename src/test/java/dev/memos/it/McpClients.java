package dev.memos.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * MCP clients memos did not write (the TypeScript SDK, the MCP Inspector CLI), run under Node from
 * the folder {@code scripts/mcp-clients} installs them into (pinned by src/test/node/package-lock.json;
 * scripts/setup installs them, so a clean clone under scripts/test has them). A machine without node
 * skips these tests with that reason; a machine with node but no install gets one, or a clear failure.
 */
final class McpClients {
    static final Path SCRIPTS = MemosProcess.ROOT.resolve("src/test/node");

    /** Output of one finished client run. */
    record Run(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private McpClients() {
    }

    /** The node binary; skips the calling test when there is none. */
    static String node() throws IOException, InterruptedException {
        boolean found = false;
        try {
            found = new ProcessBuilder("node", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            found = false;
        }
        assumeTrue(found, "node is not installed: the MCP interop tests need Node.js >= 18 (scripts/setup)");
        return "node";
    }

    /** The folder holding the clients' node_modules, installing it first if missing. */
    static Path installed(Path scratch) throws IOException, InterruptedException {
        Run r = run(List.of(MemosProcess.ROOT.resolve("scripts/mcp-clients").toString(), "dir"), Map.of(), scratch, 300);
        if (r.exit() != 0) {
            throw new AssertionError("scripts/mcp-clients could not install the MCP clients:\n" + r.all());
        }
        String[] lines = r.out().strip().split("\n");
        return Path.of(lines[lines.length - 1]);
    }

    /** Runs {@code command} with {@code env} added, its output to files (no pipe can fill), killed after {@code seconds}. */
    static Run run(List<String> command, Map<String, String> env, Path scratch, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(MemosProcess.ROOT.toFile());
        pb.environment().remove("ETH_PRIVATE_KEY");
        pb.environment().remove("MEMOS_PASSPHRASE");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(scratch, "client", ".out");
        Path err = Files.createTempFile(scratch, "client", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
