// Demo helper (not part of memos): puts one backup in the original MemOS's format on the local devnet
// as the original's upload.mjs does (FORMAT.md §16.6): the bundle item, then the public manifest item
// with a Bundle-TX tag, both ANS-104 type-3 items signed by ETH_PRIVATE_KEY (read from the environment).
// Usage: java -cp 'target/memos.jar:target/lib/*' scripts/demo.d/OriginalUpload.java NODE_URL BUNDLE MANIFEST WORKDIR
import dev.memos.arweave.ArweaveGateway;
import dev.memos.arweave.DevnetBundleUploader;
import dev.memos.arweave.Retry;
import dev.memos.arweave.Tag;
import dev.memos.backup.legacy.LegacyKeys;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

public class OriginalUpload {
    public static void main(String[] a) throws Exception {
        EthPrivateKey key = EthPrivateKey.parse(System.getenv("ETH_PRIVATE_KEY"));
        Path work = Files.createDirectories(Path.of(a[3]));
        DevnetBundleUploader up = new DevnetBundleUploader(ArweaveGateway.builder().base(URI.create(a[0])).build(), EthSigner.of(key),
                DevnetBundleUploader.devnetWallet(work.resolve("devnet-wallet.json")), Retry.DEFAULT, work);
        String unix = Long.toString(System.currentTimeMillis() / 1000);
        String ownerHash = LegacyKeys.ownerHash(key);
        byte[] bundle = Files.readAllBytes(Path.of(a[1]));
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bundle));
        String bundleId = up.upload(Path.of(a[1]), tags("bundle", "application/octet-stream", unix, ownerHash, "Bundle-SHA256", sha)).id();
        String manifestId = up.upload(Path.of(a[2]), tags("manifest", "application/json", unix, ownerHash, "Bundle-TX", bundleId)).id();
        System.out.println("original MemOS items on the devnet: bundle " + bundleId + ", manifest " + manifestId);
    }

    static List<Tag> tags(String type, String contentType, String unix, String ownerHash, String last, String value) {
        return List.of(new Tag("App-Name", "MEMOS"), new Tag("App-Version", "2.4"), new Tag("Content-Type", contentType),
                new Tag("Type", type), new Tag("Unix-Time", unix), new Tag("Owner-Hash", ownerHash), new Tag(last, value));
    }
}
