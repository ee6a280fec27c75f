package dev.memos.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthAddress;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.EthVerifier;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A manifest with its two authenticators (FORMAT.md §4.2): the seed's HMAC (needs the key) and an
 * EIP-191 signature that anyone can check against the manifest's address. Parsing checks the hash
 * and the signature; {@link #verifyMac(BundleKeys)} checks the HMAC.
 */
public final class SealedManifest {
    static final String MAC_LABEL = "memos manifest v1\n";
    static final String SIGN_PREFIX = "MemOS manifest v1 ";
    static final Set<String> KEYS = Set.of("manifest", "manifest_sha256", "hmac", "signature");

    private final Manifest manifest;
    private final byte[] hmac;
    private final byte[] signature;

    private SealedManifest(Manifest manifest, byte[] hmac, byte[] signature) {
        this.manifest = manifest;
        this.hmac = hmac;
        this.signature = signature;
    }

    public static SealedManifest seal(Manifest manifest, BundleKeys keys, EthSigner signer) {
        requireSameAddress(manifest.address(), keys, signer);
        byte[] mac = keys.manifestMac(MAC_LABEL, manifest.canonicalBytes());
        byte[] sig = signer.signPersonalMessage(signMessage(SIGN_PREFIX, manifest.sha256()));
        return new SealedManifest(manifest, mac, sig);
    }

    static void requireSameAddress(String address, BundleKeys keys, EthSigner signer) {
        if (!address.equals(keys.address()) || !address.equals(signer.address().checksummed())) {
            throw new IllegalArgumentException("manifest address, MAC key and signer must belong to the same Ethereum key");
        }
    }

    static byte[] signMessage(String prefix, String sha256Hex) {
        return (prefix + sha256Hex).getBytes(StandardCharsets.US_ASCII);
    }

    public Manifest manifest() {
        return manifest;
    }

    public byte[] hmac() {
        return hmac.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    void putFields(ObjectNode n) {
        n.set("manifest", manifest.toJson());
        putSeal(n);
    }

    private void putSeal(ObjectNode n) {
        n.put("manifest_sha256", manifest.sha256());
        n.put("hmac", Hex.encode(hmac));
        n.put("signature", "0x" + Hex.encode(signature));
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        putFields(n);
        return n;
    }

    /** The bytes stored inside the bundle. */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(canonicalNode());
    }

    /** Only for canonical serialisation: the manifest is spliced in as its canonical text, not as a tree. */
    ObjectNode canonicalNode() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.set("manifest", CanonicalJson.raw(manifest.canonicalText()));
        putSeal(n);
        return n;
    }

    /**
     * The sealed manifest from a bundle's trailer. It MUST be byte for byte its canonical form
     * (FORMAT.md §4.2): two readers must never disagree on which bytes were sealed.
     */
    public static SealedManifest parse(byte[] bytes) {
        SealedManifest s;
        try {
            s = fromJson(Json.mapper().readTree(bytes), KEYS);
        } catch (IOException e) {
            throw StrictJson.bad("not JSON");
        }
        if (!java.util.Arrays.equals(bytes, s.canonicalBytes())) {
            throw StrictJson.bad("the sealed manifest is not in canonical JSON form (FORMAT.md §1, §4.2)");
        }
        return s;
    }

    /** Reads the four sealed fields of {@code n} (which may hold more, e.g. an envelope), checks hash and signature. */
    static SealedManifest fromJson(JsonNode n, Set<String> allowedKeys) {
        StrictJson.READ.exactKeys(n, allowedKeys, "sealed manifest");
        Manifest m = Manifest.fromJson(n.get("manifest"));
        if (!m.sha256().equals(StrictJson.READ.sha256(n, "manifest_sha256"))) {
            throw MemosException.integrity("the manifest hash does not match its content: the manifest was altered");
        }
        byte[] mac = hexField(n, "hmac", 32);
        byte[] sig = hexField(n, "signature", 65);
        checkSignature(m.address(), signMessage(SIGN_PREFIX, m.sha256()), sig, "manifest");
        return new SealedManifest(m, mac, sig);
    }

    static void checkSignature(String address, byte[] message, byte[] sig, String what) {
        if (!EthVerifier.verifyPersonalMessage(EthAddress.parse(address), message, sig)) {
            throw MemosException.integrity("the " + what + " signature was not made by " + address
                    + ": the " + what + " was altered or forged");
        }
    }

    static byte[] hexField(JsonNode n, String key, int length) {
        String s = StrictJson.READ.text(n, key);
        String body = length == 65 ? (s.startsWith("0x") ? s.substring(2) : "") : s;
        if (!body.matches("[0-9a-f]{" + (2 * length) + "}")) {
            throw StrictJson.bad("'" + key + "' is not " + length + " bytes of lower-case hex");
        }
        return Hex.decode(body);
    }

    /** Checks the HMAC under the key's K_mac and that the key is the manifest's address. */
    public SealedManifest verifyMac(BundleKeys keys) {
        if (!manifest.address().equals(keys.address())) {
            throw MemosException.auth("this manifest belongs to " + manifest.address() + ", not to the unlocked key "
                    + keys.address() + ": unlock the key that made it");
        }
        if (!keys.checkManifestMac(MAC_LABEL, manifest.canonicalBytes(), hmac)) {
            throw MemosException.integrity("the manifest HMAC does not verify: the manifest was altered");
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedManifest s && java.util.Arrays.equals(canonicalBytes(), s.canonicalBytes());
    }

    @Override
    public int hashCode() {
        return manifest.hashCode();
    }
}
