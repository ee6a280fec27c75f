package dev.memos.bench;

import dev.memos.arweave.DataItem;
import dev.memos.arweave.DeepHash;
import dev.memos.arweave.Tag;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #5: the ANS-104 deep hash of a data item's fields beside raw SHA-384 over the same bytes, and
 * signing a data item (deep hash + EIP-191 secp256k1 via web3j) beside one raw ECDSA signature of the
 * JDK (secp384r1/P-256 are what the JDK offers; secp256k1 was removed from SunEC) and one raw EIP-191
 * signature of the same key. A 1 MiB payload's own SHA-384 is done once outside (as the uploader streams it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ArweaveSignBench {
    private EthSigner signer;
    private List<Tag> tags;
    private byte[] anchor;
    private DeepHash.Blob data;
    private byte[] fieldsConcat;
    private byte[] digest32;
    private PrivateKey p256;
    private List<Object> deepHashInput;

    @Setup
    public void setUp() throws Exception {
        signer = EthSigner.of(EthPrivateKey.parse("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
        tags = List.of(new Tag("App-Name", "MEMOS"), new Tag("App-Version", "0.1.0"),
                new Tag("Content-Type", "application/octet-stream"), new Tag("Unix-Time", "1764201600"),
                new Tag("Manifest-SHA256", "ab".repeat(32)), new Tag("Bundle-SHA256", "cd".repeat(32)));
        anchor = new byte[32];
        byte[] payload = new byte[1 << 20];
        data = new DeepHash.Blob(payload.length, MessageDigest.getInstance("SHA-384").digest(payload));
        byte[] owner = signer.publicKey();
        byte[] tagBytes = new byte[200];
        deepHashInput = List.of("dataitem".getBytes(), "1".getBytes(), "3".getBytes(), owner, new byte[0], anchor,
                tagBytes, data);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (Object o : deepHashInput) {
            if (o instanceof byte[] b) {
                all.write(b);
            }
        }
        all.write(data.sha384());
        fieldsConcat = all.toByteArray();
        digest32 = MessageDigest.getInstance("SHA-256").digest(fieldsConcat);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        p256 = g.generateKeyPair().getPrivate();
    }

    @Benchmark
    public byte[] deepHashDataItemFields() {
        return DeepHash.hash(deepHashInput);
    }

    @Benchmark
    public byte[] peerSha384SameBytes() throws Exception {
        return MessageDigest.getInstance("SHA-384").digest(fieldsConcat);
    }

    @Benchmark
    public DataItem signDataItem() {
        return DataItem.sign(signer, tags, anchor, data);
    }

    @Benchmark
    public byte[] peerEip191SignSameKey() {
        return signer.signPersonalMessage(digest32);
    }

    @Benchmark
    public byte[] peerJdkEcdsaP256Sign() throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(p256);
        s.update(digest32);
        return s.sign();
    }
}
