package dev.memos.shell.cmd;

import dev.memos.config.ConfigKey;

import java.time.Duration;

import dev.memos.arweave.DevnetBundleUploader;
import dev.memos.arweave.JwkWallet;
import dev.memos.arweave.Network;
import dev.memos.arweave.ReadBack;
import dev.memos.arweave.Retry;
import dev.memos.arweave.Uploader;
import dev.memos.arweave.WalletUploader;
import dev.memos.arweave.turbo.TurboUploader;
import dev.memos.arweave.x402.X402Network;
import dev.memos.arweave.x402.X402Payer;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.CompletionScripts;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.nio.file.Path;
import dev.memos.audit.AuditEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** Shared option specs and the translation from options to core objects for the Arweave commands. */
final class ArweaveSupport {
    static final String DEVNET_WALLET = "devnet-wallet.json";

    static final OptionSpec WALLET = OptionSpec.value("wallet", "JWK", "Arweave JWK wallet file (default: $ARWEAVE_JWK_PATH)")
            .completes(OptionSpec.Completion.FILE);
    /** backup and upload: the wallet also chooses how the upload is paid. */
    static final OptionSpec UPLOAD_WALLET = OptionSpec.value("wallet", "JWK",
                    "upload as an L1 transaction paid by this JWK wallet (default: $ARWEAVE_JWK_PATH, unless --turbo or --x402)")
            .completes(OptionSpec.Completion.FILE);
    static final OptionSpec TURBO = OptionSpec.flag("turbo", "pay with Turbo credits (default on mainnet)");
    static final OptionSpec X402 = OptionSpec.flag("x402", "pay with USDC via x402 when the upload service asks");
    static final OptionSpec X402_MAX = OptionSpec.value("x402-max-usdc", "N", "most USDC an x402 payment may take")
            .defaultsTo("1");
    static final OptionSpec X402_NETWORK = OptionSpec.value("x402-network", "NET", "network to pay on")
            .choices("base", "base-sepolia").defaultsTo("base");
    static final OptionSpec DRY_RUN = OptionSpec.flag("dry-run", "print size, price and balance; upload nothing");

    private ArweaveSupport() {
    }

    /**
     * The session's ETH key; a key that was given (ETH_PRIVATE_KEY or typed) but refused is recorded
     * as {@code unlock_failed} (the reason only, never the key) before the error goes up.
     */
    static EthPrivateKey ethKey(Context ctx) {
        try {
            return ctx.session().ethKey();
        } catch (MemosException e) {
            if (e.kind() != dev.memos.error.ErrorKind.AUTH || ctx.env().containsKey(EthPrivateKey.ENV)) {
                dev.memos.shell.IdentityResolver.unlockFailed(ctx, "ethereum-key", "ETH_PRIVATE_KEY", e);
            }
            throw e;
        }
    }

    /** Audit details of an x402 payment: what was authorized to whom, and the settlement if one came back. */
    static Map<String, String> paymentDetails(X402Payer.Payment p) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("network", p.network());
        d.put("amount_usdc", X402Payer.atomicToUsdc(p.amountAtomic()));
        d.put("pay_to", p.payTo());
        d.put("resource", p.resource() == null ? "" : p.resource());
        d.put("settlement_tx", p.settlement() == null ? "none" : p.settlement());
        return d;
    }

    static Network network(Context ctx) {
        return dev.memos.shell.Services.of(ctx).network();
    }

    /** The read-back of backup and upload, polling a lagging gateway for upload.readback-timeout-seconds. */
    static ReadBack readBack(Context ctx) {
        return new ReadBack(network(ctx).downloader(), Duration.ofSeconds(ctx.config().getInt(ConfigKey.UPLOAD_READBACK_TIMEOUT)),
                ctx.clock(), ReadBack.REAL, ctx.progress());
    }

    /** Where anyone can fetch the uploaded data: the profile's first gateway (as the seed's arweave_url). */
    static String gatewayUrl(Context ctx, String id) {
        String base = ctx.profile().gateways().get(0).toString();
        return (base.endsWith("/") ? base : base + "/") + id;
    }

    /** The upload's URL and cost, for the text line and the JSON result alike. */
    static String describeUpload(String url, dev.memos.arweave.UploadCost cost) {
        return "\n  " + url + "\n  cost: " + cost.describe();
    }

    static Path txIds(Context ctx) {
        return ctx.home().resolve(CompletionScripts.TXIDS_FILE);
    }

    /** --wallet, else $ARWEAVE_JWK_PATH, else empty. */
    static Optional<Path> walletPath(Args args, Context ctx) {
        Optional<Path> p = args.path("wallet");
        if (p.isPresent()) {
            return p;
        }
        String env = ctx.env().get(JwkWallet.ENV);
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(Path.of(env));
    }

    static Path requireWalletPath(Args args, Context ctx) {
        return walletPath(args, ctx).orElseThrow(() -> MemosException.usage(
                "no Arweave wallet: pass --wallet FILE or set " + JwkWallet.ENV + " (create one with 'wallet generate')"));
    }

    /** Owner addresses whose uploads are ours: items signed by the ETH key, and the wallet if one is set. */
    static List<String> owners(Args args, Context ctx, EthPrivateKey key) {
        List<String> owners = new ArrayList<>();
        owners.add(JwkWallet.addressOf(key.publicKey()));
        walletPath(args, ctx).filter(p -> p.toFile().exists()).ifPresent(p -> owners.add(JwkWallet.load(p).address()));
        return owners;
    }

    /**
     * The uploader the options ask for; the profile decides the default. x402 payments are recorded
     * in the audit log as they happen; recording problems land in {@code warnings}.
     */
    static Uploader uploader(Args args, Context ctx, EthPrivateKey key, Path workDir, List<String> warnings) {
        Network net = network(ctx);
        int ways = (args.flag("turbo") ? 1 : 0) + (args.flag("x402") ? 1 : 0) + (args.has("wallet") ? 1 : 0);
        if (ways > 1) {
            throw MemosException.usage("choose one of --turbo, --x402 and --wallet");
        }
        // --wallet, or $ARWEAVE_JWK_PATH when no other way was asked for: the option's documented default
        Optional<Path> wallet = ways == 0 || args.has("wallet") ? walletPath(args, ctx) : Optional.empty();
        if (wallet.isPresent()) {
            return new WalletUploader(net.node(), JwkWallet.load(wallet.get()), net.retry());
        }
        boolean devnet = ctx.profile().devnet();
        if (devnet && (args.flag("turbo") || args.flag("x402"))) {
            throw MemosException.usage("Turbo and x402 are mainnet services; the local profile uploads to the devnet "
                    + "(drop the flag, or use --profile mainnet)");
        }
        if (args.flag("x402")) {
            EthSigner signer = EthSigner.of(key);
            X402Network payOn = X402Network.byId(args.get("x402-network").orElse("base"));
            X402Payer payer = new X402Payer(signer, payOn,
                    X402Payer.usdcToAtomic(args.get("x402-max-usdc").orElse("1")), ctx.clock(),
                    p -> warnings.addAll(ctx.audit(AuditEvents.X402_PAYMENT, paymentDetails(p))),
                    new X402Payer.OptionNames("--" + X402_NETWORK.name(), "--" + X402_MAX.name()));
            // a test network pays Turbo's development services: a base-sepolia run must never reach production
            var turbo = payOn.testnet()
                    ? net.turbo("base-usdc", ctx.config().url(ConfigKey.TURBO_TEST_UPLOAD), ctx.config().url(ConfigKey.TURBO_TEST_PAYMENT))
                    : net.turbo("base-usdc");
            return new TurboUploader(turbo, signer, payer, workDir);
        }
        return defaultUploader(ctx, key, workDir);
    }

    /**
     * Publishes an audit checkpoint: a small data item signed by the ETH key with the anchor's tags,
     * through the profile's default uploader (an L1 bundle transaction on the local devnet, Turbo on
     * mainnet, where items this small are free). Returns the data item id.
     */
    static dev.memos.arweave.ArweaveCheckpointAnchor.Uploader checkpointUploader(Context ctx) {
        return (data, tags) -> {
            EthPrivateKey key = ethKey(ctx);
            Path work = new dev.memos.app.backup.BackupState(ctx.home().ensure()).workDir();
            Path file = null;
            try {
                file = java.nio.file.Files.createTempFile(work, ".checkpoint-", ".tmp");
                java.nio.file.Files.write(file, data);
                List<dev.memos.arweave.Tag> list = new ArrayList<>();
                tags.forEach((k, v) -> list.add(new dev.memos.arweave.Tag(k, v)));
                return defaultUploader(ctx, key, work).upload(file, list).id();
            } catch (java.io.IOException e) {
                throw MemosException.failure("cannot stage the checkpoint in " + work + ": " + e.getMessage(), e);
            } finally {
                if (file != null) {
                    try {
                        java.nio.file.Files.deleteIfExists(file);
                    } catch (java.io.IOException ignored) {
                        // a leftover temp file holds only a public checkpoint
                    }
                }
            }
        };
    }

    /** The profile's default: the devnet bundle path on local, Turbo credits on mainnet. */
    static Uploader defaultUploader(Context ctx, EthPrivateKey key, Path workDir) {
        Network net = network(ctx);
        EthSigner signer = EthSigner.of(key);
        if (ctx.profile().devnet()) {
            return new DevnetBundleUploader(net.node(), signer,
                    DevnetBundleUploader.devnetWallet(ctx.home().ensure().resolve(DEVNET_WALLET)), net.retry(), workDir, net.progress());
        }
        return new TurboUploader(net.turbo("ethereum"), signer, null, workDir);
    }
}
