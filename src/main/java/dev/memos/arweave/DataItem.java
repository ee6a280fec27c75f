package dev.memos.arweave;

import dev.memos.crypto.EthSigner;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Base64Url;
import dev.memos.error.MemosException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * An ANS-104 data item header signed by an Ethereum key (signature type 3). Layout:
 * u16 LE type | signature 65 | owner 65 | target flag [+32] | anchor flag [+32] | u64 LE tag count |
 * u64 LE tag byte length | Avro tags | data. The signature is EIP-191 personal_sign over the 48-byte
 * deepHash(["dataitem", "1", "3", owner, target, anchor, tags, data]); id = b64url(SHA-256(signature)).
 * Each item gets a random anchor, because RFC 6979 signing would otherwise give equal content an equal id.
 */
public record DataItem(int signatureType, byte[] signature, byte[] owner, byte[] target, byte[] anchor, List<Tag> tags,
                       byte[] rawTags, long dataLength) {
    public static final int TYPE_ETHEREUM = 3;
    public static final int SIG_LENGTH = 65;
    public static final int OWNER_LENGTH = 65;
    private static final SecureRandom RANDOM = new SecureRandom();

    public DataItem {
        tags = List.copyOf(tags);
    }

    public String id() {
        return Base64Url.encode(rawId());
    }

    public byte[] rawId() {
        return Hash.sha256(signature);
    }

    public static byte[] randomAnchor() {
        byte[] a = new byte[32];
        RANDOM.nextBytes(a);
        return a;
    }

    /** The deep hash the signature covers, with the data given as length + SHA-384. */
    public byte[] signatureData(DeepHash.Blob data) {
        return DeepHash.hash(List.of(DeepHash.ascii("dataitem"), DeepHash.ascii("1"), DeepHash.ascii(Integer.toString(signatureType)),
                owner, target, anchor, rawTags, data));
    }

    public static DataItem sign(EthSigner signer, List<Tag> tags, byte[] anchor, DeepHash.Blob data) {
        return sign(signer, new byte[0], tags, anchor, data);
    }

    /** As above with a 32-byte target (or none when empty); memos itself never sets one. */
    public static DataItem sign(EthSigner signer, byte[] target, List<Tag> tags, byte[] anchor, DeepHash.Blob data) {
        if (target.length != 0 && target.length != 32 || anchor.length != 0 && anchor.length != 32) {
            throw new IllegalArgumentException("target and anchor are empty or 32 bytes");
        }
        if (tags.size() > AvroTags.MAX_TAGS) {
            throw MemosException.usage("a data item carries at most " + AvroTags.MAX_TAGS + " tags");
        }
        DataItem unsigned = new DataItem(TYPE_ETHEREUM, new byte[SIG_LENGTH], signer.publicKey(), target, anchor, tags,
                AvroTags.encode(tags), data.length());
        byte[] sig = signer.signPersonalMessage(unsigned.signatureData(data));
        return new DataItem(TYPE_ETHEREUM, sig, unsigned.owner, unsigned.target, anchor, tags, unsigned.rawTags, data.length());
    }

    /** A complete item in memory (tests, small payloads). */
    public static byte[] create(EthSigner signer, List<Tag> tags, byte[] anchor, byte[] data) {
        return create(signer, new byte[0], tags, anchor, data);
    }

    public static byte[] create(EthSigner signer, byte[] target, List<Tag> tags, byte[] anchor, byte[] data) {
        DataItem item = sign(signer, target, tags, anchor, new DeepHash.Blob(data.length, DeepHash.sha384(data)));
        byte[] header = item.headerBytes();
        byte[] out = new byte[header.length + data.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(data, 0, out, header.length, data.length);
        return out;
    }

    /** Signs the content of {@code dataFile} (hashed while streaming) and writes the item to {@code out}. */
    public static DataItem write(EthSigner signer, List<Tag> tags, Path dataFile, Path out) throws IOException {
        DataItem item = signFile(signer, tags, dataFile);
        try (OutputStream o = Files.newOutputStream(out)) {
            item.writeTo(o, dataFile);
        }
        return item;
    }

    /** Signs the content of a file, hashed while streaming; write it out with {@link #writeTo}. */
    public static DataItem signFile(EthSigner signer, List<Tag> tags, Path dataFile) throws IOException {
        Hash d = Hash.sha384();
        long length = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(dataFile)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
                length += n;
            }
        }
        return sign(signer, tags, randomAnchor(), new DeepHash.Blob(length, d.digest()));
    }

    /** Writes header and data; the data file must still have the length that was signed. */
    public void writeTo(OutputStream o, Path dataFile) throws IOException {
        try (InputStream in = Files.newInputStream(dataFile)) {
            o.write(headerBytes());
            long copied = in.transferTo(o);
            if (copied != dataLength) {
                throw MemosException.integrity(dataFile + " changed while it was being signed: try again");
            }
        }
    }

    public long totalLength() {
        return headerLength() + dataLength;
    }

    public byte[] headerBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + rawTags.length);
        out.write(signatureType & 0xff);
        out.write((signatureType >> 8) & 0xff);
        out.writeBytes(signature);
        out.writeBytes(owner);
        out.write(target.length == 0 ? 0 : 1);
        out.writeBytes(target);
        out.write(anchor.length == 0 ? 0 : 1);
        out.writeBytes(anchor);
        out.writeBytes(le64(tags.size()));
        out.writeBytes(le64(rawTags.length));
        out.writeBytes(rawTags);
        return out.toByteArray();
    }

    public int headerLength() {
        return 2 + SIG_LENGTH + OWNER_LENGTH + 1 + target.length + 1 + anchor.length + 16 + rawTags.length;
    }

    static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
}
