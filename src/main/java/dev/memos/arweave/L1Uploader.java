package dev.memos.arweave;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Posts a file as a format-2 transaction: data up to one chunk travels inline in POST /tx;
 * larger data goes header first (data ""), then one POST /chunk per chunk with its data_path,
 * read from the file one chunk at a time so memory stays bounded.
 */
public final class L1Uploader {
    private final ArweaveGateway node;
    private final Retry retry;
    private final long inlineLimit;

    public L1Uploader(ArweaveGateway node, Retry retry) {
        this(node, retry, ChunkTree.MAX_CHUNK_SIZE);
    }

    /** Data up to {@code inlineLimit} bytes travels inline in {@code POST /tx}; see {@link DevnetBundleUploader} for why a devnet raises it. */
    L1Uploader(ArweaveGateway node, Retry retry, long inlineLimit) {
        this.node = node;
        this.retry = retry;
        this.inlineLimit = inlineLimit;
    }

    /** What an upload costs and whether the wallet covers it; nothing is sent. */
    public record Quote(long bytes, BigInteger winston, BigInteger balance) {
        public boolean affordable() {
            return balance.compareTo(winston) >= 0;
        }
    }

    public Quote quote(JwkWallet wallet, long bytes) {
        return new Quote(bytes, retry.run(() -> node.price(bytes)), retry.run(() -> node.balance(wallet.address())));
    }

    public L1Transaction upload(JwkWallet wallet, Path file, List<Tag> tags) {
        try {
            ChunkTree tree = ChunkTree.of(file);
            long size = tree.size();
            BigInteger reward = retry.run(() -> node.price(size));
            byte[] anchor = Base64Url.decode(retry.run(node::txAnchor));
            byte[] inline = size <= inlineLimit ? Files.readAllBytes(file) : null;
            L1Transaction tx = L1Transaction.unsigned(wallet.owner(), reward.toString(), anchor, tags, tree, inline).sign(wallet);
            ObjectNode json = tx.toJson();
            postTxOnce(json, tx.id());
            if (inline == null) {
                postChunks(file, tree);
            }
            return tx;
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Posts the transaction, but before every retry asks the node whether it already has it: an
     * answer lost on the way back (reset, 5xx from a proxy) does not mean the node refused it, and
     * posting a transaction twice is at best refused (a real node answers 208) and at worst, on
     * arlocal, leaves a duplicate that breaks every later /mine.
     */
    private void postTxOnce(ObjectNode json, String id) {
        java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
        retry.runVoid(() -> {
            if (sent.getAndSet(true) && node.status(id).state() != TxStatus.State.NOT_FOUND) {
                return;
            }
            node.postTx(json);
        });
    }

    /** The body of {@code POST /chunk} for chunk {@code index} of {@code tree}, whose bytes are {@code bytes}. */
    static ObjectNode chunkBody(ChunkTree tree, int index, byte[] bytes) {
        ObjectNode chunk = Json.mapper().createObjectNode();
        chunk.put("data_root", Base64Url.encode(tree.dataRoot()));
        chunk.put("data_size", Long.toString(tree.size()));
        chunk.put("data_path", Base64Url.encode(tree.proof(index)));
        chunk.put("offset", Long.toString(tree.uploadChunks().get(index).max() - 1));
        chunk.put("chunk", Base64Url.encode(bytes));
        return chunk;
    }

    private void postChunks(Path file, ChunkTree tree) throws IOException {
        forEachChunkBody(file, tree, (i, chunk) -> retry.runVoid(() -> node.postChunk(chunk)));
    }

    /** Receives the {@code POST /chunk} body of each chunk, in order. */
    interface ChunkSink {
        void accept(int index, ObjectNode body) throws IOException;
    }

    /** Reads {@code file} one chunk at a time (memory stays bounded) and hands each chunk's body to {@code sink}. */
    static void forEachChunkBody(Path file, ChunkTree tree, ChunkSink sink) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(ChunkTree.MAX_CHUNK_SIZE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            List<ChunkTree.Chunk> chunks = tree.uploadChunks();
            for (int i = 0; i < chunks.size(); i++) {
                ChunkTree.Chunk c = chunks.get(i);
                ChunkTree.readFully(ch, c.min(), c.length(), buf);
                byte[] bytes = Arrays.copyOf(buf.array(), c.length());
                if (!Arrays.equals(Hash.sha256(bytes), c.dataHash())) {
                    throw MemosException.integrity(file + " changed during upload: upload it again");
                }
                sink.accept(i, chunkBody(tree, i, bytes));
            }
        }
    }
}
