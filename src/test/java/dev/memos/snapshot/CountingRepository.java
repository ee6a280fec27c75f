package dev.memos.snapshot;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A repository that counts what is read from it: requests and bytes, as a gateway would see them. */
class CountingRepository implements Repository {
    final Repository inner;
    final AtomicLong snapshotReads = new AtomicLong();
    final AtomicLong packRequests = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();

    CountingRepository(Repository inner) {
        this.inner = inner;
    }

    void reset() {
        snapshotReads.set(0);
        packRequests.set(0);
        bytesRead.set(0);
    }

    @Override
    public boolean hasPack(String packId) {
        return inner.hasPack(packId);
    }

    @Override
    public void putPack(String packId, byte[] bytes) {
        inner.putPack(packId, bytes);
    }

    private byte[] counted(AtomicLong requests, byte[] b) {
        requests.incrementAndGet();
        bytesRead.addAndGet(b.length);
        return b;
    }

    @Override
    public byte[] readPack(String packId) {
        return counted(packRequests, inner.readPack(packId));
    }

    @Override
    public byte[] readPackRange(String packId, long offset, int length) {
        return counted(packRequests, inner.readPackRange(packId, offset, length));
    }

    @Override
    public void putSnapshot(String snapshotId, byte[] bytes) {
        inner.putSnapshot(snapshotId, bytes);
    }

    @Override
    public List<String> snapshotIds() {
        return inner.snapshotIds();
    }

    @Override
    public byte[] readSnapshot(String snapshotId) {
        return counted(snapshotReads, inner.readSnapshot(snapshotId));
    }

    @Override
    public String describe() {
        return inner.describe();
    }
}
