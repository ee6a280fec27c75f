package dev.memos.app.backup;

import dev.memos.arweave.ArweaveGateway;
import dev.memos.arweave.Retry;
import dev.memos.backup.BundleReader;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The bytes of a bundle on Arweave as {@link BundleReader} reads them for its trailer: the header
 * (first bytes) and the tail. Each is fetched with one HTTP Range request; a gateway that ignores
 * Range sends the whole item, which is streamed through once while only the header and the tail
 * are kept (then it must be exactly {@code size} bytes long). Memory is the tail window, not the item.
 */
public final class RemoteBundle implements BundleReader.Source {
    /** Bytes kept from the start: enough for the 76-byte header. */
    static final int HEAD = 4096;
    /** The tail fetched at least: a few default chunks, so most trailers need one request. */
    static final int TAIL = 256 * 1024;

    private final List<ArweaveGateway> gateways;
    private final Retry retry;
    private final String id;
    private final long size;
    private byte[] head = new byte[0];
    private byte[] tail = new byte[0];
    private long tailStart;
    private int requests;

    /** {@code size} is what the index says; the reader's checks catch a wrong one. */
    public RemoteBundle(List<ArweaveGateway> gateways, Retry retry, String id, long size) {
        if (size <= 0) {
            throw MemosException.integrity("the index gives " + id + " no size: it cannot be a bundle");
        }
        this.gateways = List.copyOf(gateways);
        this.retry = retry;
        this.id = id;
        this.size = size;
        this.tailStart = size;
    }

    @Override
    public long size() {
        return size;
    }

    /** HTTP requests made so far (tests check that Range keeps it to two). */
    public int requests() {
        return requests;
    }

    @Override
    public void readFully(long position, byte[] dst, int off, int len) throws IOException {
        if (position < 0 || position + len > size) {
            throw MemosException.integrity("a read past the end of " + id + " (" + size + " bytes): it is damaged");
        }
        if (!covered(position, len)) {
            boolean nearHead = position + len <= Math.min(HEAD, size - TAIL);
            fetch(nearHead ? 0 : Math.max(0, Math.min(position, size - TAIL)), nearHead ? position + len : size);
        }
        if (!covered(position, len)) {
            throw new IllegalStateException("the fetched window does not hold the read");
        }
        if (position + len <= head.length) {
            System.arraycopy(head, (int) position, dst, off, len);
        } else {
            System.arraycopy(tail, (int) (position - tailStart), dst, off, len);
        }
    }

    private boolean covered(long position, int len) {
        return position + len <= head.length || position >= tailStart;
    }

    /** Fetches [start, end) from the first gateway that delivers it. */
    private void fetch(long start, long end) throws IOException {
        MemosException last = null;
        for (ArweaveGateway g : gateways) {
            try {
                requests++;
                Optional<ArweaveGateway.Ranged> r = retry.run(() -> g.dataRange(id, start, end - 1));
                if (r.isEmpty()) {
                    last = MemosException.network(id + " was not found on " + g.base(), null);
                    continue;
                }
                try (InputStream in = r.get().body()) {
                    keep(r.get(), in, start, end);
                }
                return;
            } catch (MemosException e) {
                if (e.kind() != ErrorKind.NETWORK) {
                    throw e;
                }
                last = e;
            } catch (IOException e) {
                last = MemosException.network("transfer of " + id + " from " + g.base() + " broke off ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        }
        throw last;
    }

    private void keep(ArweaveGateway.Ranged r, InputStream in, long start, long end) throws IOException {
        if (r.total() >= 0 && r.total() != size) {
            throw MemosException.integrity(id + " holds " + r.total() + " bytes, not the " + size + " the index says");
        }
        if (r.offset() == start) {
            byte[] got = readExactly(in, (int) (end - start));
            if (end == size && in.read() >= 0) {
                throw MemosException.integrity(id + " is longer than the " + size + " bytes the index says");
            }
            if (end == size) {
                tail = got;
                tailStart = start;
            } else {
                head = got;
            }
            return;
        }
        // Range ignored: the whole item streams by; keep its head and everything from start, check its length.
        byte[] h = readExactly(in, (int) Math.min(HEAD, start));
        in.skipNBytes(start - h.length);
        byte[] t = readExactly(in, (int) (size - start));
        if (in.read() >= 0) {
            throw MemosException.integrity(id + " is longer than the " + size + " bytes the index says");
        }
        if (h.length > head.length) {
            head = h;
        }
        tail = t;
        tailStart = start;
    }

    private byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw MemosException.integrity(id + " ended after fewer bytes than the " + size + " the index says");
        }
        return b;
    }
}
