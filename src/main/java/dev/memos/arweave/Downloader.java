package dev.memos.arweave;

import dev.memos.crypto.Hash;
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
     * What the bytes must match before they are moved into place: a SHA-256, a check on the file
     * (e.g. a bundle under a key), the signed data_root of the transaction, or, only when the user
     * asked for it, nothing. Wrong bytes count as a failed attempt in every case.
     */
    public static final class Expect {
        private final String sha256;
        private final Check check;
        private final TxDataRoot root;

        private Expect(String sha256, Check check, TxDataRoot root) {
            this.sha256 = sha256;
            this.check = check;
            this.root = root;
        }

        public static Expect sha256(String hex) {
            return new Expect(hex, null, null);
        }

        public static Expect check(Check check) {
            return new Expect(null, check, null);
        }

        public static Expect dataRoot(TxDataRoot root) {
            return new Expect(null, null, root);
        }

        /** For an explicit --unverified only. */
        public static Expect nothing() {
            return new Expect(null, null, null);
        }

        /** "sha256", "check", "data_root" or "unverified": what the bytes were verified against. */
        public String kind() {
            return sha256 != null ? "sha256" : check != null ? "check" : root != null ? "data_root" : "unverified";
        }
    }

    /**
     * What a user's download is checked against: the given SHA-256, else the signed data_root of
     * the transaction. Only when there is neither (a data item) does {@code allowUnverified} let it
     * through unchecked; without it that is USAGE. A root that exists is always checked.
     */
    public Expect expectFor(String id, String sha256, boolean allowUnverified) {
        if (sha256 != null && allowUnverified) {
            throw MemosException.usage("--unverified cannot be combined with --expected-sha256 or --manifest: drop it");
        }
        if (sha256 != null) {
            return Expect.sha256(sha256);
        }
        Optional<TxDataRoot> root = dataRoot(id);
        if (root.isPresent()) {
            return Expect.dataRoot(root.get());
        }
        if (allowUnverified) {
            return Expect.nothing();
        }
        throw MemosException.usage(id + " has no signed transaction header on the gateways (a bundled data item, or not mined"
                + " yet), so there is nothing to verify it against: pass --expected-sha256 HEX or --manifest FILE (or --unverified)");
    }

    /**
     * Downloads {@code id} to {@code out}. With {@code expectedSha256} null the bytes must pass
     * {@code check}; with neither, the call is refused.
     */
    public Result download(String id, Path out, String expectedSha256, Check check) {
        if (expectedSha256 == null && check == null) {
            throw MemosException.usage("nothing to verify the download against: pass --expected-sha256 or a manifest");
        }
        return download(id, out, new Expect(expectedSha256, check, null));
    }

    public Result download(String id, Path out, Expect expect) {
        return downloadIfFound(id, out, expect).orElseThrow(() -> MemosException.network(id
                + " was not found on any gateway: check the id, or wait until it is mined", null));
    }

    /**
     * As {@link #download(String, Path, Expect)}, but empty when every gateway says it does not
     * have the id (yet): a read-back right after an upload polls on that.
     */
    public Optional<Result> downloadIfFound(String id, Path out, Expect expect) {
        List<String> failures = new ArrayList<>();
        boolean anyFound = false;
        boolean allNotFound = true;
        // The key refused the bytes at every gateway: that is the key, not the network (exit 3, not 5).
        MemosException keyRefused = null;
        boolean onlyKeyRefusals = true;
        for (ArweaveGateway g : gateways) {
            for (int attempt = 0; attempt < retry.attempts(); attempt++) {
                try {
                    Optional<Result> r = attempt(g, id, out, expect);
                    if (r.isPresent()) {
                        return r;
                    }
                    failures.add(g.base() + ": not found");
                    onlyKeyRefusals = false;
                    break;
                } catch (MemosException e) {
                    allNotFound = false;
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
        if (allNotFound) {
            return Optional.empty();
        }
        String last = failures.isEmpty() ? "" : " (last: " + failures.get(failures.size() - 1) + ")";
        if (anyFound && expect.root != null) {
            // the reference is the network's own signed header: bytes that contradict it are not the data
            throw MemosException.integrity("no gateway served bytes matching the signed data_root of " + id + last
                    + ": nothing written; try other gateways (config set gateways …)");
        }
        throw MemosException.network("could not download a verified copy of " + id + " from " + gateways.size()
                + " gateway(s)" + last + ": try again later or add gateways (config set gateways …)", null);
    }

    private Optional<Result> attempt(ArweaveGateway g, String id, Path out, Expect expect) {
        Optional<InputStream> body = g.data(id);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try (InputStream in = body.get()) {
            Files.createDirectories(dir);
            tmp = AtomicFile.createTemp(dir, out.getFileName().toString());
            Hash sha = Hash.sha256();
            TxDataRoot.Check rootCheck = expect.root == null ? null : expect.root.check();
            long bytes = 0;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream o = Channels.newOutputStream(ch)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (rootCheck != null) {
                        rootCheck.update(buf, 0, n);
                    }
                    sha.update(buf, 0, n);
                    o.write(buf, 0, n);
                    bytes += n;
                }
                o.flush();
                ch.force(true);
            }
            String actual = Hex.encode(sha.digest());
            if (expect.sha256 != null && !actual.equalsIgnoreCase(expect.sha256)) {
                throw MemosException.integrity("bytes from " + g.base() + " hash to " + actual + ", not the expected " + expect.sha256);
            }
            if (rootCheck != null) {
                rootCheck.finish();
            }
            if (expect.check != null) {
                expect.check.verify(tmp);
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

    /** The signed data_root of an L1 transaction from these gateways; empty for a data item or an unknown id. */
    public Optional<TxDataRoot> dataRoot(String id) {
        return TxDataRoot.lookup(gateways, retry, id);
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
