package dev.memos.arweave.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.app.backup.BundleBackups;
import dev.memos.arweave.ArweaveGateway;
import dev.memos.app.backup.BackupState;
import dev.memos.arweave.Devnet;
import dev.memos.arweave.DevnetBundleUploader;
import dev.memos.arweave.Downloader;
import dev.memos.arweave.JwkWallet;
import dev.memos.arweave.L1Transaction;
import dev.memos.arweave.L1Uploader;
import dev.memos.arweave.Retry;
import dev.memos.arweave.Tag;
import dev.memos.arweave.Vectors;
import dev.memos.backup.RollbackIndex;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.Hash;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every fault between client and node ends in a verified success (transient) or a NETWORK error (persistent). */
@org.junit.jupiter.api.Tag("arlocal")
class FaultInjectionTest {
    static final Retry FAST = new Retry(6, Duration.ofMillis(20));
    static final FaultProxy.Fault[] DATA_FAULTS = {FaultProxy.Fault.LATENCY, FaultProxy.Fault.RESET, FaultProxy.Fault.STATUS_503,
            FaultProxy.Fault.TRUNCATE, FaultProxy.Fault.CORRUPT, FaultProxy.Fault.WRONG_BYTES};
    static final ArweaveGateway NODE = Devnet.gateway();
    static JwkWallet wallet;
    static String id;
    static byte[] data;
    static String sha;

    @TempDir
    Path dir;
    FaultProxy proxy;

    @BeforeAll
    static void uploadOnce(@TempDir Path tmp) throws Exception {
        wallet = DevnetBundleUploader.devnetWallet(tmp.resolve("w.json"));
        NODE.mint(wallet.address(), new BigInteger("100000000000000000"));
        data = Vectors.det(600_000, UUID.randomUUID().toString());
        Path f = tmp.resolve("data");
        Files.write(f, data);
        sha = Hash.sha256Hex(f);
        id = new L1Uploader(NODE, Retry.DEFAULT).upload(wallet, f, List.of(new Tag("App-Name", "MEMOS-FAULT"))).id();
        NODE.mine();
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new FaultProxy(Devnet.url()).latency(Duration.ofSeconds(6));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    ArweaveGateway viaProxy() {
        return ArweaveGateway.builder().base(proxy.uri()).timeout(Duration.ofSeconds(3)).build();
    }

    @Test
    void download_recovers_from_each_transient_fault_with_verified_bytes() throws Exception {
        for (FaultProxy.Fault f : DATA_FAULTS) {
            proxy.once("^GET /" + id + "$", f);
            Path out = dir.resolve("out-" + f);
            Downloader.Result r = new Downloader(List.of(viaProxy()), FAST).download(id, out, sha, null);
            assertEquals(sha, r.sha256(), f.name());
            assertArrayEquals(data, Files.readAllBytes(out), f.name());
        }
        assertEquals(DATA_FAULTS.length, proxy.faultsInjected.get());
    }

    @Test
    void download_with_persistent_fault_is_network_error_and_writes_nothing() throws Exception {
        for (FaultProxy.Fault f : DATA_FAULTS) {
            proxy.always("^GET /" + id + "$", f);
            Path out = dir.resolve("out-" + f);
            MemosException e = assertThrows(MemosException.class,
                    () -> new Downloader(List.of(viaProxy()), new Retry(2, Duration.ofMillis(10))).download(id, out, sha, null), f.name());
            assertEquals(ErrorKind.NETWORK, e.kind(), f.name());
            assertFalse(Files.exists(out), f.name());
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "no temporary files may stay behind");
        }
    }

    @Test
    void falls_back_to_the_next_gateway() throws Exception {
        proxy.always("^GET /" + id + "$", FaultProxy.Fault.WRONG_BYTES);
        Path out = dir.resolve("out");
        Downloader.Result r = new Downloader(List.of(viaProxy(), NODE), FAST).download(id, out, sha, null);
        assertEquals(Devnet.url().toString(), r.gateway());
        assertArrayEquals(data, Files.readAllBytes(out));
    }

    @Test
    void upload_retries_transient_faults_on_tx_and_chunks() throws Exception {
        byte[] payload = Vectors.det(700_000, UUID.randomUUID().toString());
        Path f = dir.resolve("payload");
        Files.write(f, payload);
        proxy.once("^POST /tx$", FaultProxy.Fault.RESET, FaultProxy.Fault.STATUS_503)
                .once("^POST /chunk$", FaultProxy.Fault.STATUS_503, FaultProxy.Fault.RESET, FaultProxy.Fault.LATENCY);
        L1Transaction tx = new L1Uploader(viaProxy(), FAST).upload(wallet, f, List.of(new Tag("App-Name", "MEMOS-FAULT")));
        NODE.mine();
        Path out = dir.resolve("back");
        new Downloader(List.of(NODE), FAST).download(tx.id(), out, Hash.sha256Hex(f), null);
        assertArrayEquals(payload, Files.readAllBytes(out));
        assertTrue(proxy.faultsInjected.get() >= 4);
    }

    @Test
    void upload_with_persistent_5xx_is_network_error() throws Exception {
        Path f = dir.resolve("payload");
        Files.write(f, new byte[1000]);
        proxy.always("^POST /tx$", FaultProxy.Fault.STATUS_503);
        MemosException e = assertThrows(MemosException.class,
                () -> new L1Uploader(viaProxy(), FAST).upload(wallet, f, List.of()));
        assertEquals(ErrorKind.NETWORK, e.kind());
    }

    @Test
    void backup_whose_read_back_gets_wrong_bytes_never_reports_success() throws Exception {
        Path home = dir.resolve("home");
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("a.txt"), "memory");
        EthPrivateKey key = EthPrivateKey.parse("55".repeat(32));
        MemosHome h = MemosHome.at(home).ensure();
        proxy.always("^GET /[A-Za-z0-9_-]{43}$", FaultProxy.Fault.WRONG_BYTES);
        BundleBackups backup = BundleBackups.builder().home(h).key(key)
                .uploader(new DevnetBundleUploader(NODE, EthSigner.of(key), wallet, FAST, new BackupState(h).workDir()))
                .downloader(new Downloader(List.of(viaProxy()), new Retry(2, Duration.ofMillis(10)))).clock(Clock.systemUTC())
                .txIdsFile(home.resolve("txids")).build();
        MemosException e = assertThrows(MemosException.class, () -> backup.backup(tree, false, false));
        assertEquals(ErrorKind.NETWORK, e.kind());
        assertTrue(e.getMessage().contains("reading it back failed"), e.getMessage());
        assertTrue(RollbackIndex.forHome(h).latest(key.address().checksummed()).isEmpty());
        assertTrue(new BackupState(h).last(key.address().checksummed()).isEmpty());
    }

    @Test
    void status_through_a_failing_gateway_is_network_error() {
        proxy.always("/status$", FaultProxy.Fault.STATUS_503);
        MemosException e = assertThrows(MemosException.class,
                () -> new Downloader(List.of(viaProxy()), new Retry(2, Duration.ofMillis(10))).status(id));
        assertEquals(ErrorKind.NETWORK, e.kind());
    }
}
