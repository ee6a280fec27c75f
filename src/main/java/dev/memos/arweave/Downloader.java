package dev.memos.arweave;

import dev.memos.encoding.Hex;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fetches the data of an id from a list of gateways: each gateway is tried with retries and
 * backoff, then the next one. Bytes stream into a temporary sibling of the target; only when
 * they hash to the expected SHA-256 (and, if a {@link Check} is given, pass it) is the file
 * renamed into place. Wrong bytes count as a failed attempt, never as a result.
 */
public final class Downloader {
    private final List<ArweaveGateway> gateways;
    private final Retry retry;

    public Downloader(List<ArweaveGateway> gateways, Retry retry) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway");
        }
        this.gateways = List.copyOf(gateways);
        this.retry = retry;
    }

    /** An extra check on the downloaded file (e.g. a data item signature); throws INTEGRITY to reject. */
    @FunctionalInterface
    public interface Check {
        void verify(Path file) throws IOException;
    }

    public record Result(Path file, long bytes, String sha256, String gateway) {
    }

    /**
     * Downloads {@code id} to {@code out}. With {@code expectedSha256} null the bytes must pass
     * {@code check}; with neither, the call is refused.
     */
    public Result download(String id, Path out, String expectedSha256, Check check) {
        if (expectedSha256 == null && check == null) {
            throw MemosException.usage("nothing to verify the download against: pass --expected-sha256 or a manifest");
        }
        List<String> failures = new ArrayList<>();
        boolean anyFound = false;
        // The key refused the bytes at every gateway: that is the key, not the network (exit 3, not 5).
        MemosException keyRefused = null;
        boolean onlyKeyRefusals = true;
        for (ArweaveGateway g : gateways) {
            for (int attempt = 0; attempt < retry.attempts(); attempt++) {
                try {
                    Optional<Result> r = attempt(g, id, out, expectedSha256, check);
                    if (r.isPresent()) {
                        return r.get();
                    }
                    failures.add(g.base() + ": not found");
                    onlyKeyRefusals = false;
                    break;
                } catch (MemosException e) {
                    anyFound |= e.kind() == ErrorKind.INTEGRITY;
                    if (e.kind() == ErrorKind.AUTH) {
                        keyRefused = e;
                    } else {
                        onlyKeyRefusals = false;
                    }
                    failures.add(g.base() + ": " + e.getMessage());
                    if (attempt + 1 < retry.attempts()) {
                        backoff(attempt);
                    }
                }
            }
        }
        if (keyRefused != null && onlyKeyRefusals) {
            throw keyRefused;
        }
        String last = failures.isEmpty() ? "" : " (last: " + failures.get(failures.size() - 1) + ")";
        if (!anyFound && failures.stream().allMatch(f -> f.endsWith(": not found"))) {
            throw MemosException.network(id + " was not found on any gateway: check the id, or wait until it is mined", null);
        }
        throw MemosException.network("could not download a verified copy of " + id + " from " + gateways.size()
                + " gateway(s)" + last + ": try again later or add gateways (config set gateways …)", null);
    }

    private Optional<Result> attempt(ArweaveGateway g, String id, Path out, String expected, Check check) {
        Optional<InputStream> body = g.data(id);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try (InputStream in = body.get()) {
            Files.createDirectories(dir);
            tmp = AtomicFile.createTemp(dir, out.getFileName().toString());
            MessageDigest sha = Hashes.newSha256();
            long bytes = 0;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream o = Channels.newOutputStream(ch)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                    o.write(buf, 0, n);
                    bytes += n;
                }
                o.flush();
                ch.force(true);
            }
            String actual = Hex.encode(sha.digest());
            if (expected != null && !actual.equalsIgnoreCase(expected)) {
                throw MemosException.integrity("bytes from " + g.base() + " hash to " + actual + ", not the expected " + expected);
            }
            if (check != null) {
                check.verify(tmp);
            }
            AtomicFile.moveIntoPlace(tmp, out);
            tmp = null;
            return Optional.of(new Result(out, bytes, actual, g.base().toString()));
        } catch (IOException e) {
            throw MemosException.network("transfer from " + g.base() + " broke off (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp name marks it as ours
                }
            }
        }
    }

    private void backoff(int attempt) {
        try {
            Thread.sleep(retry.base().multipliedBy(1L << Math.min(attempt, 3)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemosException.network("interrupted while waiting to retry", e);
        }
    }

    /** Status from the first gateway that answers. */
    public TxStatus status(String id) {
        MemosException last = null;
        for (ArweaveGateway g : gateways) {
            try {
                return retry.run(() -> g.status(id));
            } catch (MemosException e) {
                last = e;
            }
        }
        throw last;
    }
}
