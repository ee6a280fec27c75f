package dev.memos.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The detached {@code manifest.json} (FORMAT.md §4.3): the sealed manifest plus what is known
 * only once the bundle exists (its SHA-256 and size) or is uploaded (the Arweave tx id), under a
 * second HMAC and signature. Updating the tx id re-seals the envelope and leaves the bundle alone.
 */
public final class ManifestEnvelope {
    static final String MAC_LABEL = "memos envelope v1\n";
    static final String SIGN_PREFIX = "MemOS envelope v1 ";
    private static final Set<String> KEYS;

    static {
        Set<String> k = new HashSet<>(SealedManifest.KEYS);
        k.addAll(Set.of("bundle_sha256", "bundle_size", "tx_id", "envelope_hmac", "envelope_signature"));
        KEYS = Set.copyOf(k);
    }

    private final SealedManifest sealed;
    private final String bundleSha256;
    private final long bundleSize;
    private final String txId;
    private final byte[] envelopeHmac;
    private final byte[] envelopeSignature;

    private ManifestEnvelope(SealedManifest sealed, String bundleSha256, long bundleSize, String txId,
                             byte[] envelopeHmac, byte[] envelopeSignature) {
        this.sealed = sealed;
        this.bundleSha256 = bundleSha256;
        this.bundleSize = bundleSize;
        this.txId = txId;
        this.envelopeHmac = envelopeHmac;
        this.envelopeSignature = envelopeSignature;
    }

    public static ManifestEnvelope create(SealedManifest sealed, String bundleSha256, long bundleSize, String txId,
                                          BundleKeys keys, EthSigner signer) {
        SealedManifest.requireSameAddress(sealed.manifest().address(), keys, signer);
        byte[] unsigned = CanonicalJson.bytes(unsignedJson(sealed, bundleSha256, bundleSize, txId));
        byte[] mac = keys.manifestMac(MAC_LABEL, unsigned);
        byte[] sig = signer.signPersonalMessage(SealedManifest.signMessage(SIGN_PREFIX, Hex.encode(Hash.sha256(unsigned))));
        return new ManifestEnvelope(sealed, bundleSha256, bundleSize, txId, mac, sig);
    }

    /** The same envelope with the Arweave transaction (or data item) id filled in, re-sealed. */
    public ManifestEnvelope withTxId(String newTxId, BundleKeys keys, EthSigner signer) {
        return create(sealed, bundleSha256, bundleSize, newTxId, keys, signer);
    }

    // Always serialised canonically, so the manifest goes in as text (a 50 000-file tree is ~60 MB).
    private static ObjectNode unsignedJson(SealedManifest sealed, String sha, long size, String txId) {
        ObjectNode n = sealed.canonicalNode();
        n.put("bundle_sha256", sha);
        n.put("bundle_size", size);
        if (txId == null) {
            n.putNull("tx_id");
        } else {
            n.put("tx_id", txId);
        }
        return n;
    }

    public SealedManifest sealed() {
        return sealed;
    }

    public Manifest manifest() {
        return sealed.manifest();
    }

    public String bundleSha256() {
        return bundleSha256;
    }

    public long bundleSize() {
        return bundleSize;
    }

    public Optional<String> txId() {
        return Optional.ofNullable(txId);
    }

    /** The exact bytes of manifest.json: canonical JSON, no trailing newline. */
    public byte[] toBytes() {
        ObjectNode n = unsignedJson(sealed, bundleSha256, bundleSize, txId);
        n.put("envelope_hmac", Hex.encode(envelopeHmac));
        n.put("envelope_signature", "0x" + Hex.encode(envelopeSignature));
        return CanonicalJson.bytes(n);
    }

    public void write(Path file) {
        try {
            AtomicFile.write(file, toBytes());
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and checks hashes and both signatures (no key needed). */
    public static ManifestEnvelope parse(byte[] bytes) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw StrictJson.bad("manifest.json is not JSON");
        }
        SealedManifest sealed = SealedManifest.fromJson(n, KEYS);
        String sha = StrictJson.READ.sha256(n, "bundle_sha256");
        long size = StrictJson.READ.integer(n, "bundle_size", BundleHeader.LENGTH + 17, Long.MAX_VALUE);
        String tx = StrictJson.READ.textOrNull(n, "tx_id");
        byte[] mac = SealedManifest.hexField(n, "envelope_hmac", 32);
        byte[] sig = SealedManifest.hexField(n, "envelope_signature", 65);
        byte[] unsigned = CanonicalJson.bytes(unsignedJson(sealed, sha, size, tx));
        SealedManifest.checkSignature(sealed.manifest().address(),
                SealedManifest.signMessage(SIGN_PREFIX, Hex.encode(Hash.sha256(unsigned))), sig, "manifest.json envelope");
        return new ManifestEnvelope(sealed, sha, size, tx, mac, sig);
    }

    public static ManifestEnvelope read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw MemosException.usage("no manifest at " + file + ": check the path");
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks both HMACs under the key (and that the key is the manifest's address). */
    public ManifestEnvelope verifyMac(BundleKeys keys) {
        sealed.verifyMac(keys);
        byte[] unsigned = CanonicalJson.bytes(unsignedJson(sealed, bundleSha256, bundleSize, txId));
        if (!keys.checkManifestMac(MAC_LABEL, unsigned, envelopeHmac)) {
            throw MemosException.integrity("the manifest.json envelope HMAC does not verify: the file was altered");
        }
        return this;
    }

    @Override
    public String toString() {
        return "ManifestEnvelope[" + sealed.manifest() + ", bundle " + bundleSha256 + "]";
    }
}
