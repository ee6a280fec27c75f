#!/usr/bin/env python3
"""Writes original-MemOS-format vectors (FORMAT.md §16) from the fact sheet alone.

Our own generator, written from /work/shared/docs/original-memos-format.md, not the original's
scripts (they could not be fetched here). Deterministic: nonces come from the case name and all
times are fixed, so a re-run writes the same bytes. Needs only Python 3.11 and `cryptography`.
The legacy (relay-memory-v1) key comes from the fact sheet's known-answer challenge signature,
since RFC 6979 secp256k1 signing is not in `cryptography`; the Java test re-derives that
signature itself. Run: python3 gen_legacy.py  (from this folder).
"""
import hashlib, hmac, io, json, os, sys, tarfile, tempfile, time
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY = bytes.fromhex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
ADDR = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"
LOWER = ADDR.lower()
LEGACY_SIG = bytes.fromhex("fa2d9a19fa93bb46af2d1deaf9827518a36b23c70f4ae063c1402ae821c91fcf"
                           "1750f6186bc7b12414cff8c632992934198f0a425fb0d1035a6cadcbf0bd0d351c")
CREATED = 1700000000
UNSIGNED = ("manifest_signature", "arweave_tx_id", "arweave_uploaded_at", "arweave_manifest_tx_id")


def hkdf(ikm, salt, info):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


K_V2 = hkdf(KEY, b"memos-v2", b"memos:encryption:" + LOWER.encode())
K_LEGACY = hkdf(LEGACY_SIG, b"relay-memory-v1", b"relay-memory-encryption-key")
D = hkdf(KEY, b"memos-v2", b"memos:discovery")
OWNER_HASH = hashlib.sha256(LOWER.encode() + D).hexdigest()
assert K_V2.hex() == "3074572cc3f801f4a6f980c27ea0d44570ad2bf56d71ed629e852a5368cc26e8"
assert K_LEGACY.hex() == "85a016d40052692cd92546657e7d668f27d14ed57b5440dbfaf3be9664e1b8ec"
assert OWNER_HASH == "9f2b18ee2091cbee5c77b38696def0138000ee075d695f61143700211d32a65f"


def canon(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def jcs_like(obj):
    # RFC 8785 for these values (strings, ints): sorted keys, compact, raw UTF-8 (no \\u escapes).
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def tar_gz(files, extra=None):
    """files: list of (name, bytes, mtime); a tar as the original's tarfile.open("w:gz") writes."""
    with tempfile.TemporaryDirectory() as d:
        for name, data, mtime in files:
            p = os.path.join(d, name)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(data)
            os.chmod(p, 0o644)
            os.utime(p, (mtime, mtime))
        if extra:
            extra(d)
        from pathlib import Path
        root = Path(d)
        members = [p for p in sorted(root.rglob("*")) if p.is_file()]
        raw = io.BytesIO()
        # Fixed gzip MTIME so the bytes are reproducible; the original writes the pack time there.
        import gzip
        with gzip.GzipFile(filename="payload.tar", mode="wb", fileobj=raw, compresslevel=9, mtime=CREATED) as gz:
            with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
                for p in members:
                    ti = tar.gettarinfo(str(p), arcname=p.relative_to(root).as_posix())
                    ti.uid = ti.gid = 0
                    ti.uname = ti.gname = "root"
                    if ti.isreg():
                        with open(p, "rb") as f:
                            tar.addfile(ti, f)
                    else:
                        tar.addfile(ti)
        inv = [{"path": p.relative_to(root).as_posix(), "size": (0 if p.is_symlink() else p.stat().st_size)} for p in members]
        return raw.getvalue(), inv


def tar_gz_named(name, data):
    """A tar with one member whose name no file system allows (e.g. ../evil)."""
    raw = io.BytesIO()
    import gzip
    with gzip.GzipFile(filename="payload.tar", mode="wb", fileobj=raw, compresslevel=9, mtime=CREATED) as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = CREATED + 0.25
            ti.mode = 0o644
            tar.addfile(ti, io.BytesIO(data))
    return raw.getvalue(), [{"path": name, "size": len(data)}]


def seal(case, plain, aad, key):
    nonce = hashlib.sha256(b"nonce:" + case.encode()).digest()[:12]
    return nonce + ChaCha20Poly1305(key).encrypt(nonce, plain, aad)


def v2_manifest(bundle, inv, aad, sequence, salt=True):
    m = {"version": 2, "sequence": sequence, "created_at": CREATED, "eth_address": ADDR, "owner_hash": OWNER_HASH,
         "cipher": "chacha20poly1305", "kdf": "hkdf-sha256-direct"}
    if salt:
        m["kdf_salt_version"] = "memos-v2"
    m.update({"checksum_algorithm": "sha256", "aad_sha256": hashlib.sha256(aad).hexdigest(),
              "bundle_sha256": hashlib.sha256(bundle).hexdigest(), "bundle_size_bytes": len(bundle),
              "inventory": {"file_count": len(inv), "files": inv}})
    return m


def sign(m, key, form=canon):
    body = {k: v for k, v in m.items() if k not in UNSIGNED}
    m["manifest_signature"] = hmac.new(key, form(body), hashlib.sha256).hexdigest()
    return m


V2_AAD = canon({"eth_address": LOWER, "timestamp": CREATED, "version": 2})
V1_AAD = canon({"eth_address": LOWER, "version": 1})
assert hashlib.sha256(V2_AAD).hexdigest() == "5756424010f1d84f568e1095fe31ae3880d025881e05c7ad07f3c331c0c71626"
assert hashlib.sha256(V1_AAD).hexdigest() == "1f2476e29b0f3b3bbc30691a8001dfa6a73fa88a8e6ff3dc8fdf78441a8f5327"

FILES = [("MEMORY.md", b"# memory\nremember the milk\n", CREATED + 0.5),
         ("a/b.txt", b"component order: a/b before a-b/x\n", CREATED + 1.5),
         ("a-b/x.txt", b"x\n", CREATED + 2.5),
         ("notes/caf\u00e9 \U0001F600.md", "non-ASCII name: caf\u00e9 \U0001F600\n".encode(), CREATED + 3.5)]

cases = {}


def write(case, bundle, manifest, expect, js=False):
    with open(case + ".bundle", "wb") as f:
        f.write(bundle)
    with open(case + ".manifest.json", "w", encoding="ascii") as f:
        f.write(json.dumps(manifest, indent=2))  # the local Python form: ensure_ascii, no newline
    if js:
        up = dict(manifest)
        up["arweave_tx_id"] = "B" * 43
        up["arweave_uploaded_at"] = CREATED + 60
        with open(case + ".uploaded.json", "w", encoding="utf-8") as f:
            f.write(json.dumps(up, indent=2, ensure_ascii=False))  # = JSON.stringify(m, null, 2) for these values
    cases[case] = expect


def ok(files):
    return {"ok": True, "files": {n: hashlib.sha256(d).hexdigest() for n, d, _ in files}}


# v2, memos-v2 KDF, v2 AAD, non-ASCII and astral names (the HMAC's \\uXXXX and surrogate pairs)
plain, inv = tar_gz(FILES)
b = seal("v2", plain, V2_AAD, K_V2)
write("v2", b, sign(v2_manifest(b, inv, V2_AAD, 3), K_V2), ok(FILES), js=True)

# version 1, legacy KDF, aad_version 1, signed with the legacy key
f1 = FILES[:2]
plain, inv = tar_gz(f1)
b = seal("aad1", plain, V1_AAD, K_LEGACY)
m = {"version": 1, "sequence": 1, "created_at": CREATED - 86400, "eth_address": ADDR, "cipher": "chacha20poly1305",
     "kdf": "eth-signature-hkdf-sha256", "aad_version": 1, "aad_sha256": hashlib.sha256(V1_AAD).hexdigest(),
     "bundle_sha256": hashlib.sha256(b).hexdigest(), "bundle_size_bytes": len(b),
     "inventory": {"file_count": len(inv), "files": inv}}
write("aad1", b, sign(m, K_LEGACY), ok(f1))

# version 1, legacy KDF, no AAD, unsigned (the original accepts it; the AEAD still authenticates)
f0 = FILES[:1]
plain, inv = tar_gz(f0)
b = seal("noaad", plain, b"", K_LEGACY)
m = {"version": 1, "sequence": 1, "created_at": CREATED - 2 * 86400, "eth_address": ADDR, "cipher": "chacha20poly1305",
     "kdf": "eth-signature-hkdf-sha256", "bundle_sha256": hashlib.sha256(b).hexdigest(), "bundle_size_bytes": len(b),
     "inventory": {"file_count": len(inv), "files": inv}}
write("noaad", b, m, ok(f0))

# v2 without kdf_salt_version: the original's decrypt picks the legacy key
plain, inv = tar_gz(f0)
b = seal("v2-nosalt", plain, V2_AAD, K_LEGACY)
write("v2-nosalt", b, sign(v2_manifest(b, inv, V2_AAD, 2, salt=False), K_LEGACY), ok(f0))

def symlinked(d):
    link = os.path.join(d, "link.md")
    os.symlink("MEMORY.md", link)
    os.utime(link, (CREATED, CREATED), follow_symlinks=False)


# a symlink member, as the original writes for a symlinked file: refused by name
plain, inv = tar_gz(f0, extra=symlinked)
b = seal("symlink", plain, V2_AAD, K_V2)
write("symlink", b, sign(v2_manifest(b, inv, V2_AAD, 4), K_V2), {"ok": False, "error": "symbolic link"})

# a '..' member, signed: the name rule refuses it before any path is built
plain, inv = tar_gz_named("../evil.md", b"outside\n")
b = seal("dotdot", plain, V2_AAD, K_V2)
write("dotdot", b, sign(v2_manifest(b, inv, V2_AAD, 4), K_V2), {"ok": False, "error": "'..' component"})

# file_count says 3 but the tar holds 2 (files list agrees with the tar): signed, refused
plain, inv = tar_gz(f1)
b = seal("count", plain, V2_AAD, K_V2)
m = v2_manifest(b, inv, V2_AAD, 4)
m["inventory"]["file_count"] = 3
write("count", b, sign(m, K_V2), {"ok": False, "error": "file_count"})

# the HMAC computed over RFC 8785 (raw UTF-8) instead of the Python form: refused
plain, inv = tar_gz(FILES)
b = seal("rfc8785", plain, V2_AAD, K_V2)
write("rfc8785", b, sign(v2_manifest(b, inv, V2_AAD, 4), K_V2, form=jcs_like), {"ok": False, "error": "manifest_signature"})

with open("expected.json", "w") as f:
    f.write(json.dumps({"key": KEY.hex(), "address": ADDR, "owner_hash": OWNER_HASH, "k_memos_v2": K_V2.hex(),
                        "k_relay_memory_v1": K_LEGACY.hex(), "legacy_signature": LEGACY_SIG.hex(), "cases": cases},
                       indent=2, sort_keys=True) + "\n")
print("wrote", ", ".join(cases))
