#!/usr/bin/env python3
"""Independent check of the snapshot vectors, written from docs/FORMAT.md §14 alone.

usage: python3 check_vectors.py   (needs the `cryptography` package; run from this folder)
Checks keys.json, chunks.json (FastCDC with the keyed gear table), pack.hex (header MAC, trailer,
both blobs and their chunk ids) and snapshot-stored.hex (header MAC, AEAD, sealed JSON, HMAC).
The EIP-191 signature is not checked here (it needs secp256k1); the Java suite checks it.
"""
import hashlib, hmac, json, struct, sys
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import hashes

def hkdf(ikm, salt, info, n=32):
    return HKDF(algorithm=hashes.SHA256(), length=n, salt=salt, info=info).derive(ikm)

def hexfile(name):
    return bytes.fromhex("".join(open(name).read().split()))

def stream(n):
    out, j = b"", 0
    while len(out) < n:
        out += hashlib.sha256(b"memos snapshot vector" + struct.pack(">I", j)).digest(); j += 1
    return out[:n]

keys = json.load(open("keys.json"))
d = bytes.fromhex(keys["private_key"])
addr_lower = keys["address"].lower()
K = hkdf(d, b"memos-v2", b"memos:encryption:" + addr_lower.encode())
assert K.hex() == keys["k_root"] == "3074572cc3f801f4a6f980c27ea0d44570ad2bf56d71ed629e852a5368cc26e8"
sub = {l: hkdf(K, b"memos-v2", b"memos:snapshot:v1:" + l.encode()) for l in
       ("chunk-id", "gear-seed", "pack", "snapshot-mac", "snapshot-enc")}
for l, k in sub.items():
    assert keys["k_" + l.replace("-", "_")] == k.hex(), l
G = [int.from_bytes(b, "big") for b in (lambda t: [t[8*i:8*i+8] for i in range(256)])(
    hkdf(sub["gear-seed"], b"memos-v2", b"memos:snapshot:v1:gear-table", 2048))]
assert "%016x" % G[0] == keys["gear_0"] and "%016x" % G[255] == keys["gear_255"]
salt = bytes(range(32))
def per_object(base, s, label):
    return hkdf(base, s, b"memos:snapshot:v1:" + label.encode())
assert per_object(sub["pack"], salt, "header-mac").hex() == keys["pack_k_hdr"]
assert per_object(sub["pack"], salt, "payload").hex() == keys["pack_k_obj"]
print("keys ok")

M64 = (1 << 64) - 1
def cut(data, start, mn, avg, mx):
    n = len(data) - start
    if n <= mn: return n
    n = min(n, mx); normal = min(n, avg); b = avg.bit_length() - 1
    ms = (M64 << (64 - (b + 2))) & M64; ml = (M64 << (64 - (b - 2))) & M64
    fp, i = 0, mn
    while i < normal:
        fp = ((fp << 1) + G[data[start + i]]) & M64
        if fp & ms == 0: return i + 1
        i += 1
    while i < n:
        fp = ((fp << 1) + G[data[start + i]]) & M64
        if fp & ml == 0: return i + 1
        i += 1
    return n

chunks = json.load(open("chunks.json"))
for name, v in chunks.items():
    data, pos, lens, ids = stream(v["input_length"]), 0, [], []
    while pos < len(data):
        c = cut(data, pos, v["min"], v["avg"], v["max"])
        lens.append(c); ids.append(hmac.new(sub["chunk-id"], data[pos:pos+c], hashlib.sha256).hexdigest()); pos += c
    assert lens == v["lengths"] and ids == v["ids"], name
print("chunks ok")

def header(obj, magic, base):
    assert obj[:8] == magic and obj[8] == 1 and obj[9:12] == b"\0\0\0"
    s = obj[12:44]
    assert hmac.compare_digest(hmac.new(per_object(base, s, "header-mac"), obj[:44], hashlib.sha256).digest(), obj[44:76])
    return ChaCha20Poly1305(per_object(base, s, "payload"))

pack = hexfile("pack.hex")
aead = header(pack, b"MEMOSPAK", sub["pack"])
tlen = struct.unpack(">I", pack[-4:])[0]
index = aead.decrypt(struct.pack(">IQ", 1, 0), pack[-4-tlen:-4], pack[:44])
n = struct.unpack(">I", index[:4])[0]
data = stream(8000); expect = [data[:3000], data[3000:]]
for i in range(n):
    cid, off, ln, raw = struct.unpack(">32sIII", index[4+44*i:4+44*(i+1)])
    plain = aead.decrypt(struct.pack(">IQ", 0, off), pack[off:off+ln], cid)
    assert plain[0] == 0 and plain[1:] == expect[i] and len(plain) - 1 == raw
    assert hmac.new(sub["chunk-id"], plain[1:], hashlib.sha256).digest() == cid
print("pack ok")

snap = hexfile("snapshot-stored.hex")
aead = header(snap, b"MEMOSSNP", sub["snapshot-enc"])
plain = aead.decrypt(bytes(12), snap[76:], snap[:44])
assert plain[0] == 0 and plain[1:] == open("snapshot-sealed.json", "rb").read()
sealed = json.loads(plain[1:])
body = json.dumps(sealed["snapshot"], sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
assert hashlib.sha256(body).hexdigest() == sealed["snapshot_sha256"]
assert hmac.new(sub["snapshot-mac"], b"memos snapshot v1\n" + body, hashlib.sha256).hexdigest() == sealed["hmac"]
print("snapshot ok")
