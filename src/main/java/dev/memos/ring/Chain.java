package dev.memos.ring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The ring-3 memory chain of one identity: sealed months ({@link Archive}) plus a window of recent
 * steps kept in full so that a peer's checkpoint can be compared step by step. The window holds the
 * steps of the current and the previous month, at least {@value #MIN_WINDOW} and at most
 * {@value #MAX_WINDOW}; {@code base} is the hash of the step just before it.
 */
final class Chain {
    static final int MIN_WINDOW = 16;
    static final int MAX_WINDOW = 40;
    static final int RECENT = 16;

    final String id;
    final long genesisTime;
    final Archive archive;
    long baseIndex;
    byte[] baseHash;
    final List<Step> window;
    int pendingFlags;
    final TreeSet<Integer> writeMonths;

    private Chain(String id, long genesisTime, Archive archive, long baseIndex, byte[] baseHash, List<Step> window,
                  int pendingFlags, TreeSet<Integer> writeMonths) {
        this.id = id;
        this.genesisTime = genesisTime;
        this.archive = archive;
        this.baseIndex = baseIndex;
        this.baseHash = baseHash;
        this.window = new ArrayList<>(window);
        this.pendingFlags = pendingFlags;
        this.writeMonths = writeMonths;
    }

    static Chain genesis(String id, byte[] publicKey, long time) {
        Step g = new Step(0, time, ChainFlags.GENESIS, Step.genesisDigest(id, publicKey));
        return new Chain(id, time, new Archive(Months.of(time), List.of()), -1, new byte[32], List.of(g), 0, new TreeSet<>());
    }

    long lastIndex() {
        return window.get(window.size() - 1).index();
    }

    long lastTime() {
        return window.get(window.size() - 1).time();
    }

    List<byte[]> hashes() {
        List<byte[]> out = new ArrayList<>(window.size());
        byte[] prev = baseHash;
        for (Step s : window) {
            prev = s.hash(prev);
            out.add(prev);
        }
        return out;
    }

    byte[] headHash() {
        List<byte[]> h = hashes();
        return h.get(h.size() - 1);
    }

    List<byte[]> recent() {
        List<byte[]> h = hashes();
        return h.subList(Math.max(0, h.size() - RECENT), h.size());
    }

    Step append(long time, int flags, byte[] digest) {
        Step s = new Step(lastIndex() + 1, Math.max(time, lastTime()), flags, digest);
        window.add(s);
        return s;
    }

    void noteWrite(long time) {
        writeMonths.add(Months.of(time));
    }

    /** Closes every month before {@code nowMonth}: its record is the hash of its last step and the OR of its flags. */
    boolean seal(int nowMonth) {
        boolean changed = false;
        List<byte[]> hashes = hashes();
        for (int m = archive.nextMonth(); m < nowMonth; m++) {
            byte[] last = baseHash;
            int flags = 0;
            for (int i = 0; i < window.size(); i++) {
                int sm = Months.of(window.get(i).time());
                if (sm <= m) {
                    last = hashes.get(i);
                }
                if (sm == m) {
                    flags |= window.get(i).flags();
                }
            }
            if (m == archive.nextMonth() && pendingFlags != 0) {
                flags |= pendingFlags;
                pendingFlags = 0;
            }
            if (writeMonths.remove(m)) {
                flags |= ChainFlags.WRITES;
            }
            if (flags == 0) {
                flags = ChainFlags.GAP;
            }
            archive.append(last, flags);
            changed = true;
        }
        writeMonths.headSet(nowMonth).clear();
        return changed;
    }

    /** Drops old steps from the window; flags of a dropped step of an unsealed month are carried until sealing. */
    void prune(int nowMonth) {
        while (window.size() > MIN_WINDOW
                && (Months.of(window.get(0).time()) < nowMonth - 1 || window.size() > MAX_WINDOW)) {
            Step s = window.get(0);
            byte[] h = s.hash(baseHash);
            if (Months.of(s.time()) >= archive.nextMonth()) {
                pendingFlags |= s.flags();
            }
            window.remove(0);
            baseIndex = s.index();
            baseHash = h;
        }
    }

    /** Whether our step {@code index} has {@code hash}: empty when that step is no longer kept. */
    Optional<Boolean> has(long index, byte[] hash) {
        if (index == baseIndex) {
            return Optional.of(Bytes.same(baseHash, hash));
        }
        long first = window.get(0).index();
        if (index < first || index > lastIndex()) {
            return index > lastIndex() ? Optional.of(false) : Optional.empty();
        }
        return Optional.of(Bytes.same(hashes().get((int) (index - first)), hash));
    }

    /** Recomputes the window and checks it against the archive and the genesis rule. */
    void verify(byte[] publicKey) {
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).index() != window.get(i - 1).index() + 1 || window.get(i).time() < window.get(i - 1).time()) {
                throw MemosException.integrity("the memory chain window is out of order: restore the rings folder from a backup");
            }
        }
        if (window.get(0).index() != baseIndex + 1) {
            throw MemosException.integrity("the memory chain window does not follow its base: restore the rings folder from a backup");
        }
        if (baseIndex == -1) {
            Step g = window.get(0);
            if (!Arrays.equals(baseHash, new byte[32]) || g.flags() != ChainFlags.GENESIS
                    || !Arrays.equals(g.digest(), Step.genesisDigest(id, publicKey))) {
                throw MemosException.integrity("the memory chain does not start with this identity's genesis");
            }
        }
        List<byte[]> hashes = hashes();
        int firstWindowMonth = Months.of(window.get(0).time());
        for (int k = 0; k < archive.months(); k++) {
            int m = archive.firstMonth() + k;
            if (m < firstWindowMonth) {
                continue;
            }
            byte[] expected = baseHash;
            for (int i = 0; i < window.size(); i++) {
                if (Months.of(window.get(i).time()) <= m) {
                    expected = hashes.get(i);
                }
            }
            if (!Bytes.same(expected, archive.lastHash(k))) {
                throw MemosException.integrity("ring-3 month " + Months.name(m) + " disagrees with the chain: restore from a backup");
            }
        }
    }

    ObjectNode toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("genesis", genesisTime);
        n.put("baseIndex", baseIndex);
        n.put("baseHash", Base64Url.encode(baseHash));
        n.put("pendingFlags", pendingFlags);
        ArrayNode w = n.putArray("window");
        for (Step s : window) {
            ArrayNode a = w.addArray();
            a.add(s.index()).add(s.time()).add(s.flags()).add(Base64Url.encode(s.digest()));
        }
        ArrayNode months = n.putArray("writeMonths");
        writeMonths.forEach(months::add);
        return n;
    }

    static Chain fromJson(String id, JsonNode n, Archive archive) {
        List<Step> window = new ArrayList<>();
        for (JsonNode a : n.get("window")) {
            window.add(new Step(a.get(0).longValue(), a.get(1).longValue(), a.get(2).intValue(), Base64Url.decode(a.get(3).textValue())));
        }
        if (window.isEmpty()) {
            throw MemosException.integrity("the memory chain window is empty: restore the rings folder from a backup");
        }
        TreeSet<Integer> writes = new TreeSet<>();
        n.get("writeMonths").forEach(m -> writes.add(m.intValue()));
        return new Chain(id, n.get("genesis").longValue(), archive, n.get("baseIndex").longValue(),
                Base64Url.decode(n.get("baseHash").textValue()), window, n.get("pendingFlags").intValue(), writes);
    }
}
