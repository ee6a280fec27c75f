package dev.memos.config;

import dev.memos.error.MemosException;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The per-user state folder ($MEMOS_HOME, default ~/.memos) and the names of what lives in it. */
public final class MemosHome {
    public static final String ENV = "MEMOS_HOME";

    private final Path root;

    private MemosHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static MemosHome at(Path root) {
        return new MemosHome(root);
    }

    public static MemosHome fromEnvironment(Map<String, String> env) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return new MemosHome(Path.of(configured));
        }
        return new MemosHome(Path.of(System.getProperty("user.home"), ".memos"));
    }

    /** Creates the folder (0700) if needed; every command that writes state calls this first. */
    public MemosHome ensure() {
        try {
            PrivateFiles.ensureDirectory(root);
        } catch (IOException e) {
            throw MemosException.failure("cannot create " + root + " (" + e.getMessage() + "): set " + ENV + " to a writable folder", e);
        }
        return this;
    }

    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve("config.properties");
    }

    public Path historyFile() {
        return root.resolve("history");
    }

    /** The devnet's funded Arweave wallet (local profile only; shell.cmd.ArweaveSupport.DEVNET_WALLET names the same file). */
    public Path devnetWalletFile() {
        return root.resolve("devnet-wallet.json");
    }

    public Path lockFile() {
        return root.resolve(".lock");
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
