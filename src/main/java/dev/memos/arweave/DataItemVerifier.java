package dev.memos.arweave;

import dev.memos.crypto.EthAddress;
import dev.memos.crypto.EthVerifier;
import dev.memos.crypto.Hash;
import dev.memos.error.MemosException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Parses and checks a type-3 data item read from a stream: strict layout (flags 0/1, 32-byte target
 * and anchor, bounded tags), the signature recovers to the owner's address, and the data is exactly
 * {@code length - header} bytes. Anything else is an INTEGRITY error.
 */
public final class DataItemVerifier {
    private static final int MAX_TAG_BYTES = 4096;

    private DataItemVerifier() {
    }

    /** Reads a whole item of {@code itemLength} bytes from {@code in}, passing its data to {@code sink}. */
    public static DataItem verify(InputStream in, long itemLength, DataSink sink) throws IOException {
        DataInputStream d = new DataInputStream(in);
        try {
            byte[] type = readN(d, 2);
            int sigType = (type[0] & 0xff) | (type[1] & 0xff) << 8;
            if (sigType != DataItem.TYPE_ETHEREUM) {
                throw bad("signature type " + sigType + " (only 3, Ethereum, is accepted)");
            }
            byte[] sig = readN(d, DataItem.SIG_LENGTH);
            byte[] owner = readN(d, DataItem.OWNER_LENGTH);
            byte[] target = optional32(d, "target");
            byte[] anchor = optional32(d, "anchor");
            long tagCount = le64(readN(d, 8));
            long tagBytes = le64(readN(d, 8));
            if (tagCount < 0 || tagCount > AvroTags.MAX_TAGS || tagBytes < 0 || tagBytes > MAX_TAG_BYTES) {
                throw bad("tag count or size out of range");
            }
            byte[] rawTags = readN(d, (int) tagBytes);
            List<Tag> tags;
            try {
                tags = AvroTags.decode(rawTags, tagCount);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            long headerLength = 2 + 65 + 65 + 1 + target.length + 1 + anchor.length + 16 + tagBytes;
            long dataLength = itemLength - headerLength;
            if (dataLength < 0) {
                throw bad("shorter than its header");
            }
            Hash sha384 = Hash.sha384();
            byte[] buf = new byte[1 << 16];
            long left = dataLength;
            while (left > 0) {
                int n = d.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw bad("truncated data");
                }
                sha384.update(buf, 0, n);
                sink.accept(buf, n);
                left -= n;
            }
            DataItem item = new DataItem(sigType, sig, owner, target, anchor, tags, rawTags, dataLength);
            byte[] message = item.signatureData(new DeepHash.Blob(dataLength, sha384.digest()));
            EthAddress signer;
            try {
                signer = EthVerifier.recover(EthVerifier.personalMessageDigest(message), sig);
            } catch (IllegalArgumentException e) {
                throw bad("bad signature");
            }
            if (owner[0] != 4 || !signer.equals(EthAddress.fromPublicKey(owner))) {
                throw bad("signature does not match its owner");
            }
            return item;
        } catch (EOFException e) {
            throw bad("truncated header");
        }
    }

    public static DataItem verify(byte[] item) {
        try {
            return verify(new java.io.ByteArrayInputStream(item), item.length, (b, n) -> { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Receives the data bytes of an item as they are read. */
    @FunctionalInterface
    public interface DataSink {
        void accept(byte[] buf, int length) throws IOException;
    }

    private static byte[] optional32(DataInputStream d, String what) throws IOException {
        int flag = d.readUnsignedByte();
        if (flag == 0) {
            return new byte[0];
        }
        if (flag != 1) {
            throw bad(what + " presence byte is " + flag + ", not 0 or 1");
        }
        return readN(d, 32);
    }

    private static byte[] readN(DataInputStream d, int n) throws IOException {
        byte[] b = new byte[n];
        d.readFully(b);
        return b;
    }

    private static long le64(byte[] b) {
        return ByteBuffer.wrap(Arrays.copyOf(b, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static MemosException bad(String why) {
        return MemosException.integrity("data item is invalid: " + why + "; do not trust it");
    }
}
