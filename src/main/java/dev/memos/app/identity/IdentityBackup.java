package dev.memos.app.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Json;
import dev.memos.identity.HomeArchive;
import dev.memos.identity.HomeStores;
import dev.memos.ring.RingHeads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Use case: what a backup carries so the home's identities survive the loss of the machine (issue
 * 16 §1, FORMAT.md §14.10). It collects every identity store of the home (identities with their
 * rings, chains, signed heads, audit logs and token keys; counters; the home audit log; pins, replay
 * state, config) with the device key they are bound to, and seals them under the Ethereum key's
 * identity-archive key. The snapshot then stores the sealed bytes like any file content.
 */
public final class IdentityBackup {
    /** The attachment name in the snapshot tree ({@code .memos-identities/home.moci}). */
    public static final String ATTACHMENT = "home.moci";

    /** One identity as the archive describes it: where its chain stood when it was backed up. */
    public record Carried(String id, int tier, String state, long generation, long step, String head) {
    }

    /** The sealed archive, the identities it holds and its file count. */
    public record Prepared(byte[] sealed, List<Carried> identities, int files) {
    }

    private final Clock clock;
    private final SecureRandom random;

    public IdentityBackup(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** The archive of {@code home}, or empty when the home has no identity (nothing worth carrying). */
    public Optional<Prepared> prepare(Path home, String address, SecretBytes archiveKey) {
        Path ids = home.resolve("identities");
        if (!Files.isDirectory(ids) || !Files.exists(home.resolve(DeviceKey.FILE))) {
            return Optional.empty();
        }
        Map<String, byte[]> files = HomeStores.collect(home);
        byte[] dk = files.get(DeviceKey.FILE);
        if (dk == null || dk.length != 32) {
            return Optional.empty();
        }
        List<Carried> carried = describe(files, DeviceKey.of(dk));
        if (carried.isEmpty() && !files.containsKey("identities/tombstones.json")) {
            return Optional.empty();
        }
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("address", address);
        meta.put("created_at", DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS)));
        meta.put("format", HomeArchive.FORMAT);
        ArrayNode list = meta.putArray("identities");
        for (Carried c : carried) {
            ObjectNode n = list.addObject();
            n.put("generation", c.generation());
            if (c.head() == null) {
                n.putNull("head");
            } else {
                n.put("head", c.head());
            }
            n.put("id", c.id());
            n.put("step", c.step());
            n.put("state", c.state());
            n.put("tier", c.tier());
        }
        meta.put("version", HomeArchive.VERSION);
        HomeArchive archive = new HomeArchive(meta, files);
        return Optional.of(new Prepared(archive.seal(archiveKey, random), carried, files.size()));
    }

    /** The identities in the collected files, with their chain heads read from the copied rings. */
    static List<Carried> describe(Map<String, byte[]> files, DeviceKey dk) {
        Map<String, JsonNode> records = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String[] p = f.getKey().split("/");
            if (p.length == 3 && p[0].equals("identities") && p[2].equals("identity.json")) {
                try {
                    records.put(p[1], Json.mapper().readTree(f.getValue()));
                } catch (IOException e) {
                    // a damaged identity.json: its .bak is carried too and the store repairs it on load
                    records.put(p[1], Json.mapper().createObjectNode());
                }
            }
        }
        List<Carried> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> r : records.entrySet()) {
            String id = r.getKey();
            byte[] rings = files.get("identities/" + id + "/rings/rings.bin");
            RingHeads.Head head = rings == null ? null : RingHeads.of(rings, id, dk).orElse(null);
            out.add(new Carried(id, r.getValue().path("tier").asInt(0), r.getValue().path("state").asText("unknown"),
                    head == null ? -1 : head.generation(), head == null ? -1 : head.index(), head == null ? null : head.hash()));
        }
        return out;
    }
}
