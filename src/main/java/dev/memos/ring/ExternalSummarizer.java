package dev.memos.ring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EnvSecrets;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Json;
import dev.memos.store.ChildProcesses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a configured program ({@code summarizer.command}): the texts go to its stdin as JSON lines
 * {@code {"maxBytes":N,"text":"…"}}, its stdout (UTF-8) is the summary. A non-zero exit, an empty
 * answer or the timeout is a failure; {@link SummaryService} then falls back to the built-in one.
 * The command is split on whitespace and run without a shell, with a cleared environment (see
 * {@link ChildProcesses}; the secret variables are never passed); on the timeout the program and
 * everything it started are ended.
 */
public final class ExternalSummarizer implements Summarizer {
    private final List<String> command;
    private final Duration timeout;
    private final ChildProcesses processes;

    /** With the base allow-list only. */
    public ExternalSummarizer(String commandLine, Duration timeout) {
        this(commandLine, timeout, List.of());
    }

    /** {@code envAllow}: extra variable names the program may see ({@code process.env-allow}). */
    public ExternalSummarizer(String commandLine, Duration timeout, Collection<String> envAllow) {
        this(commandLine, timeout, ChildProcesses.builder().allow(envAllow).deny(EnvSecrets.NAMES).build());
    }

    ExternalSummarizer(String commandLine, Duration timeout, ChildProcesses processes) {
        this.command = List.of(commandLine.strip().split("\\s+"));
        this.timeout = timeout;
        this.processes = processes;
    }

    /** "external:" plus the first 16 hex digits of SHA-256(command line), so a changed program shows up as a change. */
    @Override
    public String id() {
        return "external:" + dev.memos.encoding.Hex.encode(Hash.sha256(Bytes.utf8(String.join(" ", command)))).substring(0, 16);
    }

    @Override
    public String summarize(List<String> texts, int maxBytes) throws Exception {
        Process p = processes.start(command);
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readBounded(p.getInputStream(), maxBytes * 4L + 1024));
        // written from another thread: a program that never reads stdin must not block us past the timeout
        Thread writer = new Thread(() -> writeInput(p.getOutputStream(), texts, maxBytes), "summariser-stdin");
        writer.setDaemon(true);
        writer.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            ChildProcesses.destroyTree(p, ChildProcesses.DEFAULT_GRACE);
            throw new IOException("summariser timed out after " + timeout.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("summariser exited with status " + p.exitValue());
        }
        String text = new String(output.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException("summariser wrote nothing");
        }
        return ExtractiveSummarizer.truncate(text, maxBytes);
    }

    private static void writeInput(OutputStream stdin, List<String> texts, int maxBytes) {
        try (OutputStream in = stdin) {
            for (String t : texts) {
                ObjectNode line = Json.mapper().createObjectNode().put("maxBytes", maxBytes).put("text", t);
                in.write((Json.mapper().writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the program may exit without reading; its exit status decides
        }
    }

    private static byte[] readBounded(InputStream in, long limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() < limit) {
                    out.write(buf, 0, (int) Math.min(n, limit - out.size()));
                }
            }
        } catch (IOException e) {
            // a killed process closes its pipe; whatever arrived is what we have
        }
        return out.toByteArray();
    }
}
