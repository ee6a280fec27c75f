#!/usr/bin/env python3
"""Deterministic agent-memory-like corpus: markdown notes, JSON records, float32 embedding blobs.

usage: gen-corpus.py DIR MB [SEED]
Same DIR, MB and SEED give the same bytes (random.Random is seeded, no clock, no os.urandom).
Byte mix ~ 45 % markdown, 20 % JSON, 35 % embeddings; embeddings are float32 in [-0.25, 0.25),
which compress about as badly as real ones (random mantissas, few distinct exponents).
"""
import json, os, random, sys

root, mb = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20261127)
target = mb * 1024 * 1024
WORDS = ("agent memory user asked about project deadline summary context token embedding recall "
         "remember preference tool call result error retry schedule meeting note decision because "
         "the a of to and in that is for it with as on was by this be are from at or an which "
         "weather budget travel code review deploy release backup identity chain ring promote "
         "alice bob carol dave eve server latency cache index query vector search plan step").split()
WEIGHTS = [1.0 / (i + 1) for i in range(len(WORDS))]  # Zipf-ish, like prose

def words(n):
    return " ".join(rng.choices(WORDS, WEIGHTS, k=n))

def markdown(size):
    out, n = [], 0
    while n < size:
        part = "## " + words(rng.randint(2, 6)).title() + "\n\n" + words(rng.randint(40, 160)) + ".\n\n"
        if rng.random() < 0.3:
            part += "".join("- " + words(rng.randint(3, 12)) + "\n" for _ in range(rng.randint(2, 6))) + "\n"
        out.append(part)
        n += len(part)
    return "".join(out).encode()[:size]

def record(i):
    return {"id": f"mem-{i:08d}", "ts": 1735689600 + i * 37, "kind": rng.choice(["note", "event", "tool", "chat"]),
            "role": rng.choice(["user", "assistant", "system"]), "text": words(rng.randint(8, 60)),
            "score": round(rng.random(), 4), "tags": rng.sample(WORDS, 3),
            "source": {"session": f"s-{rng.randint(0, 9999):04d}", "turn": rng.randint(0, 300)}}

def jsonfile(size):
    recs, n, i = [], 2, 0
    while n < size:
        r = json.dumps(record(i), separators=(",", ":"))
        recs.append(r); n += len(r) + 2; i += 1
    return ("[\n" + ",\n".join(recs) + "\n]\n").encode()

def embeddings(size):
    b = bytearray(rng.randbytes(size - size % 4))
    # little-endian float32: keep the top byte within 0x3c..0x3e / 0xbc..0xbe, i.e. |x| < 0.5
    b[3::4] = bytes(rng.choice((0x3c, 0x3d, 0x3e, 0xbc, 0xbd, 0xbe)) for _ in range(len(b) // 4))
    return bytes(b)

kinds = [("notes", ".md", markdown, 0.45, (2_000, 96_000)),
         ("records", ".json", jsonfile, 0.20, (4_000, 512_000)),
         ("vectors", ".f32", embeddings, 0.35, (600_000, 12_000_000))]
total = 0
for name, ext, make, share, (lo, hi) in kinds:
    budget, made, i = int(target * share), 0, 0
    while made < budget:
        size = min(rng.randint(lo, hi), budget - made) or 1
        d = os.path.join(root, name, f"{i // 200:04d}")
        os.makedirs(d, exist_ok=True)
        data = make(size)
        with open(os.path.join(d, f"{name[:-1]}-{i:06d}{ext}"), "wb") as f:
            f.write(data)
        made += len(data); i += 1
    total += made
print(f"{root}: {total} bytes")
