package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.HmacSha256;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PackTest {
    static final byte[] TEXT = SnapFixtures.text(1, 50_000);
    static final byte[] NOISE = SnapFixtures.random(2, 40_000);

    static PackWriter.Pack pack(SnapshotKeys k) {
        HmacSha256.Keyed mac = HmacSha256.keyed(k.chunkIdKey());
        PackWriter w = PackWriter.create(k);
        w.add(mac.mac(TEXT), TEXT, 0, TEXT.length);
        w.add(mac.mac(NOISE), NOISE, 0, NOISE.length);
        return w.finish();
    }

    static void integrity(Executable e, String fragment) {
        MemosException ex = assertThrows(MemosException.class, e);
        assertEquals(ErrorKind.INTEGRITY, ex.kind(), ex.getMessage());
        assertTrue(ex.getMessage().contains(fragment), ex.getMessage());
    }

    @Test
    void a_pack_round_trips_through_its_trailer_and_by_range() {
        SnapshotKeys k = SnapFixtures.keys();
        PackWriter.Pack p = pack(k);
        List<BlobRef> refs = PackReader.readIndex(k, p.id(), p.bytes());
        assertEquals(p.blobs(), refs);
        assertTrue(refs.get(0).length() < TEXT.length / 2, "text was compressed");
        assertEquals(NOISE.length + 17, refs.get(1).length(), "noise was stored: flag + tag only");
        PackReader r = PackReader.open(k, p.id(), Arrays.copyOf(p.bytes(), 76));
        BlobRef b = refs.get(1);
        byte[] range = Arrays.copyOfRange(p.bytes(), (int) b.offset(), (int) b.offset() + b.length());
        assertArrayEquals(NOISE, r.openBlob(b, range, 0));
        assertArrayEquals(TEXT, r.openBlob(refs.get(0), p.bytes(), (int) refs.get(0).offset()));
    }

    @Test
    void nothing_of_the_content_is_visible_in_the_pack() {
        PackWriter.Pack p = pack(SnapFixtures.keys());
        String asText = new String(p.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(!asText.contains("memory") && !asText.contains("agent"));
    }

    @Test
    void rejects_a_pack_with_any_flipped_byte() {
        SnapshotKeys k = SnapFixtures.keys();
        PackWriter.Pack p = pack(k);
        for (int pos : new int[] {0, 9, 20, 60, 100, p.bytes().length / 2, p.bytes().length - 30, p.bytes().length - 1}) {
            byte[] bad = p.bytes().clone();
            bad[pos] ^= 1;
            integrity(() -> PackReader.readIndex(k, p.id(), bad), "pack");
        }
    }

    @Test
    void rejects_a_flipped_blob_read_by_range_even_without_the_pack_hash() {
        SnapshotKeys k = SnapFixtures.keys();
        PackWriter.Pack p = pack(k);
        BlobRef b = p.blobs().get(0);
        byte[] range = Arrays.copyOfRange(p.bytes(), (int) b.offset(), (int) b.offset() + b.length());
        range[5] ^= 0x40;
        PackReader r = PackReader.open(k, p.id(), p.bytes());
        integrity(() -> r.openBlob(b, range, 0), "fails authentication");
    }

    @Test
    void rejects_a_blob_cited_under_another_chunk_id_or_offset() {
        SnapshotKeys k = SnapFixtures.keys();
        PackWriter.Pack p = pack(k);
        BlobRef b = p.blobs().get(0);
        PackReader r = PackReader.open(k, p.id(), p.bytes());
        BlobRef wrongId = new BlobRef(p.blobs().get(1).chunkId(), p.id(), b.offset(), b.length(), b.rawLength());
        integrity(() -> r.openBlob(wrongId, p.bytes(), (int) b.offset()), "fails authentication");
        BlobRef moved = new BlobRef(b.chunkId(), p.id(), b.offset() + 1, b.length(), b.rawLength());
        integrity(() -> r.openBlob(moved, p.bytes(), (int) b.offset()), "fails authentication");
    }

    @Test
    void refuses_a_pack_made_under_another_key_by_its_header() {
        PackWriter.Pack foreign = pack(SnapshotKeys.derive(SnapFixtures.other()));
        integrity(() -> PackReader.readIndex(SnapFixtures.keys(), foreign.id(), foreign.bytes()), "another key");
        integrity(() -> PackReader.open(SnapFixtures.keys(), foreign.id(), foreign.bytes()), "another key");
    }

    @Test
    void rejects_a_truncated_pack() {
        SnapshotKeys k = SnapFixtures.keys();
        PackWriter.Pack p = pack(k);
        for (int len : new int[] {0, 40, 75, 76, 200, p.bytes().length - 4, p.bytes().length - 1}) {
            byte[] cut = Arrays.copyOf(p.bytes(), len);
            String id = dev.memos.encoding.Hex.encode(dev.memos.crypto.Hash.sha256(cut));
            integrity(() -> PackReader.readIndex(k, id, cut), "pack");
        }
    }

    @Test
    void rejects_a_pack_whose_bytes_do_not_match_its_id() {
        SnapshotKeys k = SnapFixtures.keys();
        PackWriter.Pack p = pack(k);
        PackWriter.Pack q = pack(k);
        integrity(() -> PackReader.readIndex(k, p.id(), q.bytes()), "does not match its id");
    }

    @Test
    void the_same_chunks_in_two_packs_give_different_bytes() {
        SnapshotKeys k = SnapFixtures.keys();
        assertTrue(!Arrays.equals(pack(k).bytes(), pack(k).bytes()), "fresh salt per pack");
    }
}
