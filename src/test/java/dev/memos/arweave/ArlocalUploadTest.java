package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Base64Url;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("arlocal")
class ArlocalUploadTest {
    static final JwkWallet WALLET = JwkWallet.fromJson(Vectors.json("arweave-js-keyfile.json"));
    final ArweaveGateway node = Devnet.gateway();

    @TempDir
    Path dir;

    @Test
    void small_l1_upload_is_404_before_and_readable_after_mining() throws Exception {
        byte[] data = Vectors.det(5000, UUID.randomUUID().toString());
        L1Transaction tx = uploadL1(data);
        // Other users of the shared devnet may mine at any time, so "not yet mined" cannot be pinned down here.
        assertTrue(node.status(tx.id()).state() != TxStatus.State.NOT_FOUND);
        node.mine();
        assertEquals(TxStatus.State.CONFIRMED, node.status(tx.id()).state());
        assertArrayEquals(data, node.data(tx.id()).orElseThrow().readAllBytes());
        assertEquals(TxStatus.State.NOT_FOUND, node.status(Base64Url.encode(new byte[32])).state());
    }

    @Test
    void multi_chunk_l1_upload_round_trips() throws Exception {
        byte[] data = Vectors.det(3 * 262144 + 1000, UUID.randomUUID().toString());
        L1Transaction tx = uploadL1(data);
        node.mine();
        Path out = dir.resolve("out");
        new Downloader(List.of(node), Retry.DEFAULT).download(tx.id(), out, Hash.sha256Hex(write(data)), null);
        assertArrayEquals(data, Files.readAllBytes(out));
    }

    @Test
    void bundled_eth_item_is_served_and_indexed_by_tags() throws Exception {
        EthSigner signer = EthSigner.of(EthPrivateKey.parse("33".repeat(32)));
        String marker = UUID.randomUUID().toString();
        byte[] data = Vectors.det(300_000, marker);
        Path file = write(data);
        UploadReceipt r = new DevnetBundleUploader(node, signer, DevnetBundleUploader.devnetWallet(dir.resolve("devnet.json")),
                Retry.DEFAULT, dir).upload(file, List.of(new Tag("App-Name", "MEMOS-TEST"), new Tag("Marker", marker)));
        Path out = dir.resolve("item");
        new Downloader(List.of(node), Retry.DEFAULT).download(r.id(), out, Hash.sha256Hex(file), null);
        assertArrayEquals(data, Files.readAllBytes(out));
        List<Discovery.Hit> hits = new Discovery(node, Retry.DEFAULT).find(Map.of("Marker", marker));
        assertEquals(1, hits.size());
        assertEquals(r.id(), hits.get(0).id());
        assertTrue(hits.get(0).height() != null);
    }

    private L1Transaction uploadL1(byte[] data) throws Exception {
        node.mint(WALLET.address(), new BigInteger("1000000000000000"));
        return new L1Uploader(node, Retry.DEFAULT).upload(WALLET, write(data), List.of(new Tag("App-Name", "MEMOS-TEST")));
    }

    private Path write(byte[] data) throws Exception {
        Path f = Files.createTempFile(dir, "data", ".bin");
        Files.write(f, data);
        return f;
    }
}
