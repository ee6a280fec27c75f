package dev.memos.app.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.identity.HomeArchive;
import dev.memos.identity.HomeStores;
import dev.memos.identity.MociId;
import dev.memos.ring.RingHeads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Use case: bring a home's identities back from the archive a snapshot carries (issue 16 §1,
 * FORMAT.md §14.10). Policy: decide everything before writing anything; never put an identity back
 * over a local one whose chain has moved on (refused naming both heads, unless forced); never bring
 * back an identity this home has tombstoned; never overwrite a home-level store that exists here
 * (pins, replay state, the home audit log, config are only filled in where missing); and adopt the
 * archive's device key only into a home that has no state bound to its own.
 */
public final class IdentityRestore {
    /** {@code sealed}: the attachment's bytes; {@code archiveKey}: the Ethereum key's identity-archive key. */
    public record Request(Path home, byte[] sealed, SecretBytes archiveKey, boolean force) {
    }

    /** What happened to one identity: restored, replaced (forced), unchanged, or skipped (tombstoned here). */
    public record Outcome(String id, int tier, String outcome, String snapshotHead, String localHead) {
    }

    public record Result(List<Outcome> identities, List<String> filledIn, List<String> warnings) {
    }

    private final SecureRandom random;

    public IdentityRestore(SecureRandom random) {
        this.random = random;
    }

    public Result restore(Request req) {
        HomeArchive a = HomeArchive.open(req.sealed(), req.archiveKey());
        byte[] dkBytes = a.file(DeviceKey.FILE);
        if (dkBytes == null || dkBytes.length != 32) {
            throw MemosException.integrity("the identity archive carries no valid device key: it is damaged");
        }
        Path home = req.home();
        List<String> warnings = new ArrayList<>();
        DeviceKey dk = DeviceKey.of(dkBytes);
        boolean sameDevice = adoptDeviceKey(home, dkBytes, warnings);
        Map<String, Map<String, byte[]>> byId = filesById(a);
        List<Outcome> outcomes = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (JsonNode n : a.meta().path("identities")) {
            String id = n.path("id").asText();
            MociId.parse(id);
            RingHeads.Head snap = new RingHeads.Head(n.path("generation").asLong(-1), n.path("step").asLong(-1),
                    n.path("head").isTextual() ? n.path("head").asText() : null, false);
            String outcome = decide(home, id, snap, dk, sameDevice, req.force(), refused);
            RingHeads.Head local = sameDevice && present(home, id) ? RingHeads.read(home, home.resolve("identities").resolve(id), id, dk) : null;
            outcomes.add(new Outcome(id, n.path("tier").asInt(), outcome, snap.describe(), local == null ? null : local.describe()));
        }
        if (!refused.isEmpty()) {
            throw MemosException.integrity(String.join("; ", refused) + ": nothing was restored; add --force to put the snapshot's copy back"
                    + " (the newer local state is then lost)");
        }
        for (Outcome o : outcomes) {
            if (o.outcome().equals("restored") || o.outcome().equals("replaced")) {
                HomeStores.placeIdentity(home, MociId.parse(o.id()), byId.getOrDefault(o.id(), Map.of()), random);
                byte[] ctr = a.file("counters/rings-" + o.id() + ".ctr");
                if (ctr != null) {
                    HomeStores.placeFile(home, "counters/rings-" + o.id() + ".ctr", ctr);
                }
                if (o.tier() == 3) {
                    warnings.add(o.id() + " is a tier-3 identity: only its HSM reference came back; it unlocks only with the same "
                            + "PKCS#11 token (module, slot and key alias in its identity.json) and MEMOS_HSM_PIN");
                }
            }
        }
        List<String> filled = fillIn(home, a);
        return new Result(List.copyOf(outcomes), filled, warnings);
    }

    private static boolean present(Path home, String id) {
        return Files.isDirectory(home.resolve("identities").resolve(id), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(home.resolve("counters").resolve("rings-" + id + ".ctr"));
    }

    private String decide(Path home, String id, RingHeads.Head snap, DeviceKey dk, boolean sameDevice, boolean force, List<String> refused) {
        if (tombstoned(home, id)) {
            return "skipped-tombstoned";
        }
        if (!sameDevice || !present(home, id)) {
            return "restored";
        }
        RingHeads.Head local = RingHeads.read(home, home.resolve("identities").resolve(id), id, dk);
        if (local.sameAs(snap) && Files.exists(home.resolve("identities").resolve(id).resolve("identity.json"))) {
            return "unchanged";
        }
        if (local.damaged() && local.generation() <= snap.generation() || !local.damaged() && local.generation() < snap.generation()
                || local.generation() < 0) {
            return "restored"; // this home is behind the snapshot, or lost its copy: the snapshot's is the newest
        }
        if (force) {
            return "replaced";
        }
        refused.add(id + " has moved on here (local head: " + local.describe() + "; snapshot head: " + snap.describe() + ")");
        return "refused";
    }

    /** True when this home's tombstone list names the ID (read, not MAC-checked: an entry can only keep an ID dead). */
    private static boolean tombstoned(Path home, String id) {
        for (String f : List.of("tombstones.json", "tombstones.json.bak")) {
            try {
                for (JsonNode t : Json.mapper().readTree(Files.readAllBytes(home.resolve("identities").resolve(f))).path("tombstones")) {
                    if (id.equals(t.path("id").asText())) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // missing or unreadable: the other copy, or the evidence checks of the store, decide
            }
        }
        return false;
    }

    /**
     * Installs the archive's device key if this home has none; keeps it if it is the same; otherwise
     * moves this home's key and home audit log aside when nothing else is bound to them, and refuses
     * when identities, counters or tombstones here depend on the other key.
     */
    private boolean adoptDeviceKey(Path home, byte[] archived, List<String> warnings) {
        Path file = home.resolve(DeviceKey.FILE);
        try {
            if (Files.exists(file)) {
                if (Hash.equal(Files.readAllBytes(file), archived)) {
                    return true;
                }
                if (hasBoundState(home)) {
                    throw MemosException.usage("this home (" + home + ") has identities of its own under another device key: restore "
                            + "the identities into an empty MEMOS_HOME, then move single identities with 'id export' / 'id import'");
                }
                String tag = Hex.encode(randomBytes(4));
                Files.move(file, home.resolve(DeviceKey.FILE + ".replaced-" + tag), StandardCopyOption.ATOMIC_MOVE);
                if (Files.exists(home.resolve("audit"))) {
                    Files.move(home.resolve("audit"), home.resolve("audit.replaced-" + tag), StandardCopyOption.ATOMIC_MOVE);
                }
                warnings.add("this home's own device key and home audit log were moved aside (device.key.replaced-" + tag
                        + ", audit.replaced-" + tag + "): the restored identities are bound to the archived device key");
            }
            HomeStores.placeFile(home, DeviceKey.FILE, archived);
            return false;
        } catch (IOException e) {
            throw MemosException.failure("cannot install the device key in " + home + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasBoundState(Path home) throws IOException {
        for (String dir : List.of("identities", "counters")) {
            Path d = home.resolve(dir);
            if (Files.isDirectory(d)) {
                try (var s = Files.list(d)) {
                    if (s.anyMatch(p -> !p.getFileName().toString().startsWith("."))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Archived files grouped per identity folder, paths relative to that folder. */
    private static Map<String, Map<String, byte[]>> filesById(HomeArchive a) {
        Map<String, Map<String, byte[]>> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : a.files().entrySet()) {
            String[] p = f.getKey().split("/", 3);
            if (p.length == 3 && p[0].equals("identities")) {
                out.computeIfAbsent(p[1], k -> new LinkedHashMap<>()).put(p[2], f.getValue());
            }
        }
        return out;
    }

    /** Home-level stores (pins, replay state, tombstones, home audit log, config) are written only where this home has none. */
    private static List<String> fillIn(Path home, HomeArchive a) {
        List<String> filled = new ArrayList<>();
        boolean auditHere = Files.exists(home.resolve("audit").resolve("audit.log"));
        for (Map.Entry<String, byte[]> f : a.files().entrySet()) {
            String rel = f.getKey();
            boolean identityFile = rel.startsWith("identities/") && rel.split("/").length > 2;
            if (identityFile || rel.equals(DeviceKey.FILE) || rel.startsWith("counters/")
                    || rel.startsWith("audit/") && auditHere || Files.exists(home.resolve(rel))) {
                continue;
            }
            HomeStores.placeFile(home, rel, f.getValue());
            filled.add(rel);
        }
        return filled;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
