package dev.memos.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.encoding.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashTest {
    static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void sha256_and_sha384_match_the_fips_180_vectors() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.encode(Hash.sha256(ABC)));
        assertEquals("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
                Hex.encode(Hash.sha384(ABC)));
        // parts are concatenated
        assertArrayEquals(Hash.sha256(ABC), Hash.sha256("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void streams_hash_exactly_what_passes_through_including_skipped_bytes() throws Exception {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Hash in = Hash.sha256();
        try (InputStream s = in.hashing(new ByteArrayInputStream(data))) {
            s.read();
            s.skip(1000);
            s.readAllBytes();
        }
        assertArrayEquals(Hash.sha256(data), in.digest());
        Hash out = Hash.sha256();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream s = out.hashing(sink)) {
            s.write(data[0]);
            s.write(data, 1, data.length - 1);
        }
        assertArrayEquals(data, sink.toByteArray());
        assertArrayEquals(Hash.sha256(data), out.digest());
    }

    @Test
    void copy_is_independent_and_digest_into_resets() {
        Hash h = Hash.sha256().update("a".getBytes(StandardCharsets.US_ASCII));
        Hash c = h.copy();
        c.update("bc".getBytes(StandardCharsets.US_ASCII));
        byte[] out = new byte[40];
        c.digestInto(out, 8);
        assertEquals(Hex.encode(Hash.sha256(ABC)), Hex.encode(java.util.Arrays.copyOfRange(out, 8, 40)));
        assertArrayEquals(Hash.sha256("a".getBytes(StandardCharsets.US_ASCII)), h.digest());
    }

    @Test
    void file_hash_matches_the_bytes() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, ABC);
        assertEquals(Hex.encode(Hash.sha256(ABC)), Hash.sha256Hex(f));
    }

    @Test
    void equal_compares_content() {
        assertTrue(Hash.equal(Hash.sha256(ABC), Hash.sha256(ABC)));
        assertFalse(Hash.equal(Hash.sha256(ABC), Hash.sha384(ABC)));
        byte[] changed = Hash.sha256(ABC);
        changed[31] ^= 1;
        assertFalse(Hash.equal(Hash.sha256(ABC), changed));
    }

    @Test
    void keyed_hmac_matches_rfc_4231_and_the_jdk_mac() throws Exception {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        SecretBytes jefe = SecretBytes.copyOf("Jefe".getBytes(StandardCharsets.US_ASCII));
        byte[] what = "what do ya want ".getBytes(StandardCharsets.US_ASCII);
        byte[] rest = "xxfor nothing?".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[32];
        HmacSha256.keyed(jefe).mac(what, rest, 2, rest.length - 2, out);
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.encode(out));
        byte[] key = new byte[64];
        key[5] = 9;
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(key, "HmacSHA256"));
        HmacSha256.Keyed keyed = HmacSha256.keyed(SecretBytes.copyOf(key));
        for (int n = 0; n < 3; n++) {
            byte[] msg = ("entry " + n).getBytes(StandardCharsets.US_ASCII);
            keyed.mac(ABC, msg, 0, msg.length, out);
            jdk.update(ABC);
            assertArrayEquals(jdk.doFinal(msg), out);
        }
    }

    @Test
    void keyed_hmac_of_a_slice_and_of_parts_matches_rfc_4231_and_stays_reusable() {
        SecretBytes jefe = SecretBytes.copyOf("Jefe".getBytes(StandardCharsets.US_ASCII));
        byte[] framed = "[[what do ya want for nothing?]]".getBytes(StandardCharsets.US_ASCII);
        HmacSha256.Keyed keyed = HmacSha256.keyed(jefe);
        String rfc = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assertEquals(rfc, Hex.encode(keyed.mac(framed, 2, framed.length - 4)));
        assertEquals(rfc, Hex.encode(keyed.mac("what do ya ".getBytes(StandardCharsets.US_ASCII),
                "want for nothing?".getBytes(StandardCharsets.US_ASCII))));
        // a second message under the same prepared key is not polluted by the first
        assertEquals(rfc, Hex.encode(keyed.mac(framed, 2, framed.length - 4)));
        assertFalse(rfc.equals(Hex.encode(keyed.mac(framed, 0, framed.length))));
    }
}
