package dev.memos.arweave;

import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The curl peer of {@code scripts/bench arweave}: writes the request bodies of a chunked format-2
 * upload of FILE (the transaction header and one JSON body per 256 KiB chunk, exactly as
 * {@link L1Uploader} serialises them) plus a curl config that posts them one after another, so curl
 * pushes the same bytes to the same node in the same run. The transaction gets its own anchor and
 * so its own id: posting memos' transaction a second time would be a duplicate.
 *
 * <pre>java -cp … dev.memos.arweave.CurlPeerPayload WALLET.json FILE REWARD ANCHOR NODE_URL OUT_DIR</pre>
 */
public final class CurlPeerPayload {
    private CurlPeerPayload() {
    }

    public static void main(String[] args) throws IOException {
        JwkWallet wallet = JwkWallet.load(Path.of(args[0]));
        Path file = Path.of(args[1]);
        String node = args[4];
        Path out = Files.createDirectories(Path.of(args[5]));
        ChunkTree tree = ChunkTree.of(file);
        L1Transaction tx = L1Transaction.unsigned(wallet.owner(), args[2], Base64Url.decode(args[3]),
                List.of(new Tag("App-Name", "memos-bench-curl-peer")), tree, null).sign(wallet);
        Files.write(out.resolve("tx.json"), Json.mapper().writeValueAsBytes(tx.toJson()));
        StringBuilder config = new StringBuilder();
        L1Uploader.forEachChunkBody(file, tree, (i, chunk) -> {
            Path body = out.resolve(String.format("chunk-%05d.json", i));
            Files.write(body, Json.mapper().writeValueAsBytes(chunk));
            if (i > 0) {
                config.append("next\n");
            }
            config.append("url = \"").append(node).append("/chunk\"\n")
                    .append("header = \"Content-Type: application/json\"\n")
                    // Without this curl waits up to 1 s per chunk for a "100 Continue" arlocal never sends.
                    .append("header = \"Expect:\"\n")
                    .append("data-binary = \"@").append(body).append("\"\n")
                    .append("output = \"/dev/null\"\n")
                    .append("write-out = \"%{http_code}\\n\"\n");
        });
        Files.writeString(out.resolve("chunks.curl"), config.toString(), StandardCharsets.UTF_8);
        System.out.println(tx.id());
    }
}
