package dev.memos.app.network;

import dev.memos.app.backup.BackupState;
import dev.memos.arweave.JwkWallet;
import dev.memos.arweave.Network;
import dev.memos.arweave.Winston;
import dev.memos.config.MemosHome;
import dev.memos.config.Profile;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code status}: what this home can reach. Never fails for an unreachable part: each part that
 * cannot be read says why, so the command still shows the rest. Policy: the wallet shown is the
 * one given, else (devnet only) the home's devnet wallet; Turbo credit is asked only on mainnet
 * profiles and only with an address; balances only when the node answered.
 */
public final class NetworkService {
    private final MemosHome home;
    private final Profile profile;
    private final Network network;
    private final Path devnetWallet;

    private NetworkService(Builder b) {
        this.home = Objects.requireNonNull(b.home, "home");
        this.profile = Objects.requireNonNull(b.profile, "profile");
        this.network = Objects.requireNonNull(b.network, "network");
        this.devnetWallet = b.devnetWallet;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private MemosHome home;
        private Profile profile;
        private Network network;
        private Path devnetWallet;

        public Builder home(MemosHome home) {
            this.home = home;
            return this;
        }

        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        /** The network to ask (status asks once, without retries). */
        public Builder network(Network network) {
            this.network = network;
            return this;
        }

        /** The home's devnet wallet, shown on devnet profiles when no wallet is given. */
        public Builder devnetWallet(Path devnetWallet) {
            this.devnetWallet = devnetWallet;
            return this;
        }

        public NetworkService build() {
            return new NetworkService(this);
        }
    }

    /** {@code address}: the unlocked ETH address, if any; {@code wallet}: an Arweave wallet file given by the user. */
    public NetworkStatus status(Optional<String> address, Optional<Path> wallet) {
        long height = -1;
        String nodeProblem = null;
        try {
            height = network.node().info().path("height").asLong(-1);
        } catch (MemosException e) {
            nodeProblem = e.getMessage();
        }
        Optional<Path> w = wallet.isEmpty() && profile.devnet() && devnetWallet != null && Files.exists(devnetWallet)
                ? Optional.of(devnetWallet) : wallet;
        String walletAddress = null;
        String walletAr = null;
        String walletProblem = null;
        if (w.isPresent() && height >= 0) {
            try {
                walletAddress = JwkWallet.load(w.get()).address();
                walletAr = Winston.toAr(network.node().balance(walletAddress));
            } catch (MemosException e) {
                walletAddress = null;
                walletProblem = e.getMessage();
            }
        }
        String winc = null;
        String turboProblem = null;
        if (!profile.devnet() && address.isPresent()) {
            try {
                winc = network.turbo("ethereum").balance(address.get().toLowerCase(Locale.ROOT)).toString();
            } catch (MemosException e) {
                turboProblem = e.getMessage();
            }
        }
        NetworkStatus.LastBackup last = address.flatMap(a -> new BackupState(home).last(a))
                .map(l -> new NetworkStatus.LastBackup(l.sequence(), l.txId())).orElse(null);
        return new NetworkStatus(address.orElse(null), profile.name(), String.valueOf(profile.node()), home.toString(), height >= 0,
                height, walletAddress, walletAr, winc, last, nodeProblem, walletProblem, turboProblem);
    }
}
