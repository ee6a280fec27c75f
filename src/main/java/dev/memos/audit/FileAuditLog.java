package dev.memos.audit;

import dev.memos.crypto.Hash;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Signer;
import dev.memos.error.MemosException;
import dev.memos.store.HomeLock;
import dev.memos.store.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * The file-backed {@link AuditLog}. Each call takes the {@link HomeLock} of {@code audit.lock} (its in-JVM lock
 * orders this process's threads, its OS lock other processes; both waits bounded),
 * catches up with records other processes appended, appends its records with one positional write,
 * fsyncs (per {@link AuditLogs.Durability}) and only then advances its in-memory state. A record torn by
 * a crash is cut off on the next open or append; a complete record that does not chain is refused.
 */
final class FileAuditLog implements AuditLog {
    /** Logs still open at JVM exit get their closing checkpoint from one shutdown hook ("on exit"). */
    private static final java.util.Set<FileAuditLog> OPEN = ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicBoolean HOOK = new java.util.concurrent.atomic.AtomicBoolean();

    private final Path logFile;
    private final Path checkpointsFile;
    private final Path stateFile;
    private final Path lockFile;
    private final String logId;
    private final ChainMac chain;
    private final Signer signer;
    private final AutoCloseable ownedSigner;
    private final Clock clock;
    private final long checkpointEvery;
    private final Duration checkpointInterval;
    private final AuditLogs.Durability durability;
    private final FileChannel channel;
    private final Hash md = Hash.sha256();
    private final CRC32C crc = new CRC32C();

    /** Volatile so that {@link #size()} reads it without taking the lock; written only under it. */
    private volatile long size;
    private long end;
    private long lastOffset;
    private byte[] lastMac = ChainMac.GENESIS;
    private Merkle.CompactRange tree = new Merkle.CompactRange();
    private long checkpointSize;
    private long checkpointTime;
    private volatile boolean closed;

    private FileAuditLog(Path dir, String logId, SecretBytes macKey, Signer signer, AutoCloseable ownedSigner, Clock clock,
                         long checkpointEvery, Duration checkpointInterval, AuditLogs.Durability durability, FileChannel channel) {
        this.logFile = dir.resolve(AuditLogs.LOG_FILE);
        this.checkpointsFile = dir.resolve(AuditLogs.CHECKPOINTS_FILE);
        this.stateFile = dir.resolve(AuditLogs.STATE_FILE);
        this.lockFile = dir.resolve(AuditLogs.LOCK_FILE);
        this.logId = logId;
        this.chain = new ChainMac(macKey);
        this.signer = signer;
        this.ownedSigner = ownedSigner;
        this.clock = clock;
        this.checkpointEvery = checkpointEvery;
        this.checkpointInterval = checkpointInterval;
        this.durability = durability;
        this.channel = channel;
    }

    static FileAuditLog open(Path dir, String logId, SecretBytes macKey, Signer signer, AutoCloseable ownedSigner, Clock clock,
                             long checkpointEvery, Duration checkpointInterval, AuditLogs.Durability durability) {
        Path logFile = dir.resolve(AuditLogs.LOG_FILE);
        FileChannel ch = null;
        try (macKey) {
            PrivateFiles.ensureDirectory(dir);
            RecordReader.createIfAbsent(dir, logFile);
            ch = FileChannel.open(logFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileAuditLog log = new FileAuditLog(dir, logId, macKey, signer, ownedSigner, clock, checkpointEvery,
                    checkpointInterval, durability, ch);
            log.locked(() -> {
                log.resume();
                return null;
            });
            registerForExit(log);
            return log;
        } catch (IOException e) {
            closeQuietly(ch);
            closeQuietly(ownedSigner);
            throw MemosException.failure("cannot open audit log " + logFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            closeQuietly(ownedSigner);
            throw e;
        }
    }

    private static void registerForExit(FileAuditLog log) {
        OPEN.add(log);
        if (HOOK.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (FileAuditLog open : OPEN) {
                    try {
                        open.close();
                    } catch (RuntimeException e) {
                        // e.g. the signer's secret was already wiped by the session's hook: the chain is intact,
                        // the entries wait for the next checkpoint
                    }
                }
            }, "memos-audit-close"));
        }
    }

    @Override
    public AuditEntry append(String event, String identity, Map<String, String> details) {
        return appendAll(List.of(AuditEvent.of(event, identity, details))).get(0);
    }

    @Override
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return locked(() -> {
            catchUp();
            return appendLocked(events);
        });
    }

    /** Appends after {@link #catchUp()}, holding the lock. */
    private List<AuditEntry> appendLocked(List<AuditEvent> events) throws IOException {
        List<AuditEntry> entries = new ArrayList<>(events.size());
        List<byte[]> leaves = new ArrayList<>(events.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 192);
        byte[] mac = lastMac;
        long recordStart = end;
        long lastStart = lastOffset;
        for (AuditEvent ev : events) {
            AuditEntry e = new AuditEntry(size + entries.size(), clock.millis(), ev.type(), ev.identity(),
                    new java.util.TreeMap<>(ev.details()));
            byte[] bytes = e.encode();
            mac = chain.next(mac, bytes, 0, bytes.length);
            lastStart = recordStart + out.size();
            RecordReader.frame(out, bytes, mac, crc);
            leaves.add(Merkle.leafHash(md, bytes, 0, bytes.length));
            entries.add(e);
        }
        write(out.toByteArray());
        for (byte[] leaf : leaves) {
            tree.append(leaf);
        }
        size += entries.size();
        end += out.size();
        lastOffset = lastStart;
        lastMac = mac;
        maybeCheckpoint();
        return List.copyOf(entries);
    }

    private void write(byte[] records) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(records);
        long pos = end;
        try {
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            if (durability == AuditLogs.Durability.EVERY_CALL) {
                channel.force(false);
            }
        } catch (IOException e) {
            // Leave no half batch behind: the chain must end on the last complete call.
            try {
                channel.truncate(end);
            } catch (IOException ignored) {
                // the torn tail will be cut on the next open
            }
            throw e;
        }
    }

    @Override
    public Checkpoint checkpoint() {
        if (signer == null) {
            throw new IllegalStateException("audit log '" + logId + "' has no signer: unlock the identity to checkpoint it");
        }
        return locked(() -> {
            catchUp();
            return writeCheckpoint();
        });
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint() {
        return CheckpointFile.readLast(checkpointsFile);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String logId() {
        return logId;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            locked(() -> {
                catchUp();
                if (signer != null && size > checkpointSize) {
                    writeCheckpoint();
                } else {
                    channel.force(false);
                    saveState();
                }
                return null;
            });
        } finally {
            closed = true;
            OPEN.remove(this);
            closeQuietly(channel);
            closeQuietly(ownedSigner);
        }
    }

    private void maybeCheckpoint() throws IOException {
        if (signer == null || size == checkpointSize) {
            return;
        }
        boolean enough = size - checkpointSize >= checkpointEvery;
        boolean due = clock.millis() - checkpointTime >= checkpointInterval.toMillis();
        if (enough || due) {
            writeCheckpoint();
        }
    }

    private Checkpoint writeCheckpoint() throws IOException {
        channel.force(false); // the checkpoint must never cover entries that are not on disk
        Checkpoint cp = Checkpoint.sign(logId, size, tree.root(), clock.millis(), signer);
        CheckpointFile.append(checkpointsFile, cp);
        checkpointSize = cp.size();
        checkpointTime = cp.timeMillis();
        saveState();
        return cp;
    }

    private void saveState() throws IOException {
        new LogState(size, end, lastOffset, lastMac, tree.hashes()).write(stateFile, chain);
    }

    /** On open: adopt the state cache if it matches the file's last record, else rescan; then catch up. */
    private void resume() throws IOException {
        Optional<LogState> cached;
        String altered = null;
        try {
            cached = LogState.readWitness(stateFile, chain, logId);
        } catch (AuditIntegrityException e) {
            cached = Optional.empty();
            altered = e.getMessage();
        }
        if (cached.isPresent() && matches(cached.get())) {
            LogState s = cached.get();
            size = s.size();
            end = s.end();
            lastOffset = s.lastOffset();
            lastMac = s.lastMac().clone();
            tree = Merkle.CompactRange.restore(s.size(), s.tree());
        } else {
            size = 0;
            end = RecordReader.MAGIC.length;
            lastOffset = 0;
            lastMac = ChainMac.GENESIS;
            tree = new Merkle.CompactRange();
        }
        catchUp();
        Optional<Checkpoint> last = latestCheckpoint();
        checkpointSize = last.map(Checkpoint::size).orElse(0L);
        checkpointTime = last.map(Checkpoint::timeMillis).orElse(0L);
        if (checkpointSize > size) {
            throw new AuditIntegrityException(size, "audit log '" + logId + "' has " + size + " entries but a checkpoint of "
                    + checkpointSize + ": it was truncated; run 'memos audit verify' and restore it from a backup");
        }
        long witnessed = cached.map(LogState::size).orElse(0L);
        if (altered != null || witnessed > size) {
            // The log lost its tail (or its state was forged): say so in the log before anything else goes in.
            appendLocked(List.of(AuditEvent.of(AuditEvents.ANOMALY, AuditKeys.HOME_LOG.equals(logId) ? "" : logId,
                    Map.of("kind", altered != null ? "audit-state-altered" : "audit-truncated",
                            "state_size", String.valueOf(witnessed), "found_size", String.valueOf(size)))));
            channel.force(false);
            saveState();
        }
    }

    private boolean matches(LogState s) {
        try {
            if (s.size() == 0) {
                return s.end() == RecordReader.MAGIC.length && channel.size() >= s.end();
            }
            if (channel.size() < s.end() || s.lastMac().length != RecordReader.MAC_LEN) {
                return false;
            }
            try (RecordReader r = RecordReader.open(logFile, s.lastOffset())) {
                return r.next() == RecordReader.Status.RECORD && r.end() == s.end()
                        && AuditEntry.indexOf(r.buffer(), 0) == s.size() - 1
                        && Hash.equal(r.mac(), s.lastMac())
                        && Long.bitCount(s.size()) == s.tree().size();
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads records appended after {@code end} (by another process, or missed by a stale cache). */
    private void catchUp() throws IOException {
        long fileSize = channel.size();
        if (fileSize == end) {
            return;
        }
        if (fileSize < end) {
            throw new AuditIntegrityException(size, "audit log '" + logId + "' shrank from " + end + " to " + fileSize
                    + " bytes while in use: run 'memos audit verify'");
        }
        try (RecordReader r = RecordReader.open(logFile, end)) {
            while (true) {
                RecordReader.Status st = r.next();
                if (st == RecordReader.Status.END) {
                    return;
                }
                if (st == RecordReader.Status.TORN) {
                    channel.truncate(end); // the entry in flight when a writer died: dropped, as documented
                    channel.force(true);
                    return;
                }
                byte[] mac = chain.next(lastMac, r.buffer(), 0, r.entryLength());
                if (st == RecordReader.Status.CORRUPT || AuditEntry.indexOf(r.buffer(), 0) != size
                        || !Hash.equal(mac, r.mac())) {
                    throw new AuditIntegrityException(size, "audit log '" + logId + "' entry " + size
                            + " does not verify: run 'memos audit verify'; nothing more is appended until it is repaired");
                }
                tree.append(Merkle.leafHash(md, r.buffer(), 0, r.entryLength()));
                lastOffset = r.offset();
                lastMac = mac;
                end = r.end();
                size++;
            }
        }
    }

    private interface Body<T> {
        T run() throws IOException;
    }

    private <T> T locked(Body<T> body) {
        // A separate lock file: locking audit.log itself was silently released (POSIX) as soon as
        // catchUp closed the reader it opened on the log, and two processes then forked the chain.
        // HomeLock's own in-JVM lock (one per lock file) orders the threads of this process too.
        try (HomeLock lock = HomeLock.reentrant(lockFile)) { // bounded: BUSY, not a hang
            if (closed) {
                throw new IllegalStateException("audit log '" + logId + "' is closed");
            }
            return body.run();
        } catch (IOException e) {
            throw MemosException.failure("audit log '" + logId + "' could not be written: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing left to do
            }
        }
    }
}
