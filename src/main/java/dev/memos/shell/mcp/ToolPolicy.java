package dev.memos.shell.mcp;

import java.util.Map;
import java.util.Set;

/**
 * What the MCP server may let a model do with each command: which commands are deliberately
 * CLI-only, which only read, and which destroy something and so need {@code confirm} equal to
 * their target. Kept as one table so a reviewer sees the whole policy at once, and so a new command
 * without an entry here fails {@code McpToolCatalogTest} instead of silently becoming a tool.
 */
public final class ToolPolicy {
    /**
     * Commands that never become tools: they print or take secrets (wallet generate, id export/import),
     * spend money or change the operator's setup (x402 authorize, config set), are operator decisions
     * (id delete, id resolve-fork), or make no sense inside a server (help, run, completion, mcp, lock,
     * unlock: the server holds the session itself).
     */
    public static final Set<String> CLI_ONLY = Set.of(
            "help", "version", "run", "completion", "unlock", "lock", "mcp",
            "config set", "wallet generate", "x402 authorize",
            "id delete", "id export", "id import", "id resolve-fork");

    /** Commands that change nothing a user would notice (no store, file or network write). */
    static final Set<String> READ_ONLY = Set.of(
            "whoami", "config get", "config list", "status", "list", "snapshots", "ls", "diff", "check", "inspect", "verify-bundle",
            "price", "wallet address", "wallet balance",
            "id validate", "id status", "id list", "id list-tombstones", "id verify", "id prove", "id verify-proof",
            "id trust", "id pins", "mem show", "mem search",
            "audit tail", "audit query", "audit verify", "audit prove", "audit verify-proof");

    /**
     * Commands that write (a store, a file, the network, the replay cache) but destroy nothing. Every
     * tool is in exactly one of READ_ONLY, WRITES and DESTRUCTIVE, so a new command cannot reach a
     * model with annotations nobody chose (McpToolCatalogTest).
     */
    static final Set<String> WRITES = Set.of(
            "init", "backup", "upload", "download", "pack", "unpack",
            "id generate", "id suspend", "id resume", "id check-fork", "id checkpoint", "id pin", "id unpin", "id publish",
            "mem add", "mem promote", "audit export", "audit anchor", "token issue", "token verify", "token grant",
            "migrate", "id watch", "id passphrase", "id rotate-key");

    /**
     * A destructive command and what {@code confirm} must equal: the value of {@code target} (an
     * argument name). {@code when} names a boolean argument that makes the call destructive (restore
     * only destroys with {@code force}); null means every call is destructive. {@code flag} is the
     * command's own confirmation flag that a matching {@code confirm} turns on (null: none).
     */
    record Destructive(String target, String when, String flag) {
    }

    static final Map<String, Destructive> DESTRUCTIVE = Map.of(
            "restore", new Destructive("out", "force", null),
            "id revoke", new Destructive("id", null, "confirm"),
            "token keygen", new Destructive("skill", "rotate", null),
            "token repin-key", new Destructive("skill", null, null),
            // hands every backup so far to another key: confirm names that key's address
            "backup rotate-key", new Destructive("to", null, null));

    private ToolPolicy() {
    }

    /** The MCP tool name of a command: words and dashes become underscores ({@code id verify-proof} → {@code id_verify_proof}). */
    public static String toolName(String command) {
        return command.replace(' ', '_').replace('-', '_');
    }

    /** The argument name of an option: dashes become underscores, like the JSON result keys. */
    static String argName(String option) {
        return option.replace('-', '_');
    }
}
