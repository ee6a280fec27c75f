package dev.memos.backup;

import static dev.memos.backup.RawBundles.inv;
import static dev.memos.backup.RawBundles.invDir;
import static dev.memos.backup.TarBuilder.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malicious-archive corpus: each test hand-builds one hostile tar inside a correctly encrypted
 * and signed bundle, restores it with --force over an existing destination, and checks that the
 * restore is refused as an integrity failure with the old destination untouched and nothing
 * written anywhere else.
 */
class MaliciousArchiveTest {
    private static final byte[] OK = bytes("fine\n");
    private static final byte[] EVIL = bytes("evil\n");

    @TempDir
    Path tmp;
    private Path area;
    private Path dest;
    private String before;

    @BeforeEach
    void oldDestination() throws IOException {
        area = tmp.resolve("area");
        dest = area.resolve("dest");
        Files.createDirectories(dest.resolve("sub"));
        Files.writeString(dest.resolve("keep.txt"), "precious old memory\n");
        Files.writeString(dest.resolve("sub/also.txt"), "also old\n");
        before = Fixtures.describe(area);
    }

    private void assertRejected(byte[] tar, List<FileEntry> inventory) throws IOException {
        assertRejected(tar, inventory, Compression.NONE);
    }

    private void assertRejected(byte[] tar, List<FileEntry> inventory, Compression c) throws IOException {
        Path bundle = RawBundles.write(tmp.resolve("bundles/b.memos"), tar, inventory, c);
        MemosException e = assertThrows(MemosException.class,
                () -> Fixtures.restorer(tmp.resolve("home")).restore(bundle, dest, true, false));
        assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
        assertEquals(before, Fixtures.describe(area), "old destination or its folder changed");
        try (var s = Files.walk(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().equals("evil")), "an 'evil' file was written");
        }
    }

    private static byte[] commons(TarArchiveEntry... entries) throws IOException {
        return commons(TarArchiveOutputStream.LONGFILE_POSIX, entries);
    }

    private static byte[] commons(int longMode, TarArchiveEntry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512, "UTF-8")) {
            tar.setLongFileMode(longMode);
            for (TarArchiveEntry e : entries) {
                boolean hasData = e.isFile() && e.getSize() > 0;
                tar.putArchiveEntry(e);
                if (hasData) {
                    tar.write(new byte[(int) e.getSize()]);
                }
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static TarArchiveEntry typed(String name, byte flag) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
        e.setUserName("");
        e.setGroupName("");
        return e;
    }

    // --- names that escape or are not canonical

    @Test
    void rejects_absolute_path() throws IOException {
        Path abs = tmp.resolve("evil").toAbsolutePath();
        assertRejected(new TarBuilder().file(abs.toString(), EVIL).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_dotdot_escape() throws IOException {
        assertRejected(new TarBuilder().file("../evil", EVIL).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_deep_dotdot_escape() throws IOException {
        assertRejected(new TarBuilder().file("../../evil", EVIL).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_name_that_escapes_after_normalisation() throws IOException {
        assertRejected(new TarBuilder().dir("a").file("a/../../evil", EVIL).end(), List.of(invDir("a")));
    }

    @Test
    void rejects_bare_dotdot_directory() throws IOException {
        assertRejected(new TarBuilder().dir("..").end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_dot_component() throws IOException {
        assertRejected(new TarBuilder().file("./ok", OK).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_empty_component() throws IOException {
        assertRejected(new TarBuilder().dir("a").file("a//ok", OK).end(), List.of(invDir("a"), inv("a/ok", OK)));
    }

    @Test
    void rejects_drive_letter_path() throws IOException {
        assertRejected(new TarBuilder().file("C:/evil", EVIL).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_nul_in_name() throws IOException {
        assertRejected(new TarBuilder().pax('x', Map.of("path", "ok\0/../../evil")).file("ok", OK).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_bytes_after_a_nul_in_a_ustar_name_field() throws IOException {
        // the tar library reads this name as "ok", which the inventory lists: it restored with exit 0
        assertRejected(new TarBuilder().rawEntry(TarBuilder.header("ok\0../../evil", '0', OK.length, 0644, null), OK).end(),
                List.of(inv("ok", OK)));
    }

    @Test
    void rejects_bytes_after_a_nul_in_a_ustar_prefix_field() throws IOException {
        byte[] h = TarBuilder.header("ok", '0', OK.length, 0644, null);
        System.arraycopy(bytes("d\0evil"), 0, h, 345, 6);
        TarBuilder.checksum(h);
        assertRejected(new TarBuilder().rawEntry(h, OK).end(), List.of(inv("d/ok", OK), invDir("d")));
    }

    @Test
    void rejects_overlong_name() throws IOException {
        String name = "a".repeat(5000);
        assertRejected(new TarBuilder().pax('x', Map.of("path", name)).file("x", OK).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_pax_path_traversal() throws IOException {
        assertRejected(new TarBuilder().pax('x', Map.of("path", "../evil")).file("ok", EVIL).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_pax_absolute_path() throws IOException {
        assertRejected(new TarBuilder().pax('x', Map.of("path", "/tmp/evil")).file("ok", EVIL).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_global_pax_path_override() throws IOException {
        assertRejected(new TarBuilder().pax('g', Map.of("path", "../evil")).file("ok", EVIL).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_gnu_longname_traversal() throws IOException {
        String longName = "../" + "d/".repeat(60) + "evil";
        TarArchiveEntry e = typed(longName, TarConstants.LF_NORMAL);
        e.setSize(4);
        assertRejected(commons(TarArchiveOutputStream.LONGFILE_GNU, e), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_inventory_with_unsafe_path() throws IOException {
        assertRejected(new TarBuilder().file("../evil", EVIL).end(), List.of(inv("../evil", EVIL)));
    }

    // --- entry types that are never restored

    @Test
    void rejects_symlink() throws IOException {
        TarArchiveEntry e = typed("link", TarConstants.LF_SYMLINK);
        e.setLinkName("/etc/passwd");
        assertRejected(commons(e), List.of(inv("link", new byte[0])));
    }

    @Test
    void rejects_symlink_escape_then_write_through_it() throws IOException {
        assertRejected(new TarBuilder().entry("up", '2', new byte[0], 0777, "..").file("up/evil", EVIL).end(),
                List.of(inv("ok", OK)));
    }

    @Test
    void rejects_pax_linkpath_symlink() throws IOException {
        assertRejected(new TarBuilder().pax('x', Map.of("linkpath", "/etc/shadow")).entry("l", '2', new byte[0], 0777, "x").end(),
                List.of(inv("l", new byte[0])));
    }

    @Test
    void rejects_hardlink_outside() throws IOException {
        TarArchiveEntry e = typed("hl", TarConstants.LF_LINK);
        e.setLinkName("/etc/passwd");
        assertRejected(commons(e), List.of(inv("hl", new byte[0])));
    }

    @Test
    void rejects_hardlink_to_inventory_file() throws IOException {
        assertRejected(new TarBuilder().file("ok", OK).entry("ok2", '1', new byte[0], 0644, "ok").end(),
                List.of(inv("ok", OK), inv("ok2", OK)));
    }

    @Test
    void rejects_character_device() throws IOException {
        assertRejected(commons(typed("tty", TarConstants.LF_CHR)), List.of(inv("tty", new byte[0])));
    }

    @Test
    void rejects_block_device() throws IOException {
        assertRejected(commons(typed("sda", TarConstants.LF_BLK)), List.of(inv("sda", new byte[0])));
    }

    @Test
    void rejects_fifo() throws IOException {
        assertRejected(commons(typed("pipe", TarConstants.LF_FIFO)), List.of(inv("pipe", new byte[0])));
    }

    @Test
    void rejects_contiguous_file_type() throws IOException {
        assertRejected(new TarBuilder().entry("ok", '7', OK, 0644, null).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_gnu_sparse_file() throws IOException {
        assertRejected(new TarBuilder().entry("ok", 'S', OK, 0644, null).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_pax_gnu_sparse_file() throws IOException {
        Map<String, String> pax = new LinkedHashMap<>();
        pax.put("GNU.sparse.major", "1");
        pax.put("GNU.sparse.minor", "0");
        pax.put("GNU.sparse.name", "ok");
        pax.put("GNU.sparse.realsize", "5");
        assertRejected(new TarBuilder().pax('x', pax).file("ok", OK).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_unknown_type_flag() throws IOException {
        assertRejected(new TarBuilder().entry("ok", 'Z', OK, 0644, null).end(), List.of(inv("ok", OK)));
    }

    // --- inventory mismatches

    @Test
    void rejects_duplicate_file_entry() throws IOException {
        assertRejected(new TarBuilder().file("ok", OK).file("ok", OK).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_duplicate_directory_entry() throws IOException {
        assertRejected(new TarBuilder().dir("d").dir("d").end(), List.of(invDir("d")));
    }

    @Test
    void rejects_entry_not_in_inventory() throws IOException {
        assertRejected(new TarBuilder().file("ok", OK).file("extra", EVIL).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_missing_inventory_entry() throws IOException {
        assertRejected(new TarBuilder().file("ok", OK).end(), List.of(inv("ok", OK), inv("gone", OK)));
    }

    @Test
    void rejects_file_larger_than_inventory() throws IOException {
        assertRejected(new TarBuilder().file("ok", bytes("fine and then a lot more\n")).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_file_smaller_than_inventory() throws IOException {
        assertRejected(new TarBuilder().file("ok", bytes("fi")).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_content_that_differs_from_inventory_hash() throws IOException {
        assertRejected(new TarBuilder().file("ok", bytes("FINE\n")).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_directory_where_inventory_has_file() throws IOException {
        assertRejected(new TarBuilder().dir("ok").end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_file_where_inventory_has_directory() throws IOException {
        assertRejected(new TarBuilder().file("d", OK).end(), List.of(invDir("d")));
    }

    // --- bombs and broken archives

    @Test
    void rejects_decompression_bomb_in_file_entry() throws IOException {
        byte[] zeros = new byte[20 * 1024 * 1024];
        assertRejected(new TarBuilder().file("ok", zeros).end(), List.of(inv("ok", OK)), Compression.ZSTD);
    }

    @Test
    void rejects_pax_header_bomb() throws IOException {
        byte[] big = new byte[8 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        assertRejected(new TarBuilder().pax('x', Map.of("comment", new String(big, java.nio.charset.StandardCharsets.US_ASCII)))
                .file("ok", OK).end(), List.of(inv("ok", OK)), Compression.ZSTD);
    }

    @Test
    void rejects_bad_header_checksum() throws IOException {
        byte[] h = TarBuilder.header("ok", '0', OK.length, 0644, null);
        h[148] = '7';
        assertRejected(new TarBuilder().rawEntry(h, OK).end(), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_truncated_archive() throws IOException {
        byte[] full = new TarBuilder().file("ok", OK).unterminated();
        assertRejected(java.util.Arrays.copyOf(full, 600), List.of(inv("ok", OK)));
    }

    @Test
    void rejects_garbage_instead_of_tar() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(1).nextBytes(junk);
        assertRejected(junk, List.of(inv("ok", OK)));
    }

    @Test
    void rejects_corrupt_zstd_stream() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(2).nextBytes(junk);
        Path bundle = RawBundles.writeArchive(tmp.resolve("bundles/b.memos"), junk, List.of(inv("ok", OK)), Compression.ZSTD);
        MemosException e = assertThrows(MemosException.class,
                () -> Fixtures.restorer(tmp.resolve("home")).restore(bundle, dest, true, false));
        assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
        assertEquals(before, Fixtures.describe(area));
    }

    // --- what is allowed is made safe

    @Test
    void strips_setuid_setgid_and_sticky_bits() throws Exception {
        byte[] tar = new TarBuilder().entry("tool", '0', OK, 07755, null).end();
        Path bundle = RawBundles.write(tmp.resolve("bundles/b.memos"), tar,
                List.of(FileEntry.file("tool", OK.length, RawBundles.sha256(OK), 0755, 1_700_000_000L)), Compression.NONE);
        Path out = Fixtures.restorer(tmp.resolve("home")).restore(bundle, dest, true, false).destination();
        assertEquals(0755, TreeArchiver.toBits(Files.getPosixFilePermissions(out.resolve("tool"))));
    }

    @Test
    void creates_a_parent_the_inventory_does_not_list_with_mode_0700() throws Exception {
        byte[] tar = new TarBuilder().file("d/e/x", OK).end();
        Path bundle = RawBundles.write(tmp.resolve("bundles/b.memos"), tar, List.of(inv("d/e/x", OK)), Compression.NONE);
        Path out = Fixtures.restorer(tmp.resolve("home")).restore(bundle, dest, true, false).destination();
        assertEquals(0700, TreeArchiver.toBits(Files.getPosixFilePermissions(out.resolve("d"))));
        assertEquals(0700, TreeArchiver.toBits(Files.getPosixFilePermissions(out.resolve("d/e"))));
        assertEquals("fine\n", Files.readString(out.resolve("d/e/x")));
    }
}
