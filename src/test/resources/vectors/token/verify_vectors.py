#!/usr/bin/env python3
"""Independent check of the CIT vectors (docs/FORMAT.md section 11) with Python's `cryptography`.

Usage: python3 verify_vectors.py [vector-dir]. Exits non-zero on the first disagreement.
Implements the verification steps of section 11.5 (without pins) from the spec, not from the Java code.
"""
import base64, hashlib, json, re, sys, os
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.exceptions import InvalidSignature

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._@-]{0,63}\Z")
SCOPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._/-]{0,63}\Z")
PAYLOAD_FIELDS = {"v", "iss", "aud", "iat", "exp", "nonce", "trust", "scope", "chain"}
LINK_FIELDS = {"from", "fromAlg", "fromKey", "to", "toAlg", "toKey", "scope", "sig"}


class Reject(Exception):
    pass


def b64d(s):
    if "=" in s:
        raise Reject("malformed")
    try:
        b = base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
    except Exception:
        raise Reject("malformed")
    if base64.urlsafe_b64encode(b).rstrip(b"=").decode() != s:
        raise Reject("malformed")
    return b


def canonical(o):  # RFC 8785 for our ASCII keys and integers
    return json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def ed_ok(pub, msg, sig):
    try:
        Ed25519PublicKey.from_public_bytes(pub).verify(sig, msg)
        return True
    except (InvalidSignature, ValueError):
        return False


def scopes(a):
    if not isinstance(a, list) or len(a) > 16 or not all(isinstance(x, str) and SCOPE.match(x) for x in a):
        raise Reject("malformed")
    if any(a[i] >= a[i + 1] for i in range(len(a) - 1)):
        raise Reject("malformed")
    return a


def verify(token, audience, now, seen, skew=30, max_ttl=300, max_depth=5):
    if len(token) > 16384 or not token.startswith("cit1.") or token.count(".") != 2:
        raise Reject("malformed")
    _, p64, s64 = token.split(".")
    payload, sig = b64d(p64), b64d(s64)
    if len(sig) != 64:
        raise Reject("malformed")
    try:
        p = json.loads(payload)
    except ValueError:
        raise Reject("malformed")
    if not isinstance(p, dict) or set(p) != PAYLOAD_FIELDS or canonical(p) != payload or p["v"] != 1:
        raise Reject("malformed")
    chain = p["chain"]
    if not isinstance(chain, list) or not 1 <= len(chain) <= 16:
        raise Reject("malformed")
    for l in chain:
        if not isinstance(l, dict) or set(l) != LINK_FIELDS or not ID.match(l["from"]) or not ID.match(l["to"]):
            raise Reject("malformed")
        scopes(l["scope"])
    scopes(p["scope"])
    if len(b64d(p["nonce"])) != 16 or not 10 <= p["trust"] <= 100 or not ID.match(p["iss"]) or not ID.match(p["aud"]):
        raise Reject("malformed")
    if p["aud"] != audience:
        raise Reject("wrong_audience")
    ttl = p["exp"] - p["iat"]
    if ttl > max_ttl:
        raise Reject("ttl_too_long")
    if ttl < 60:
        raise Reject("ttl_too_short")
    if p["iat"] > now + skew:
        raise Reject("not_yet_valid")
    if now > p["exp"] + skew:
        raise Reject("expired")
    if len(chain) > max_depth:
        raise Reject("depth_exceeded")
    last = chain[-1]
    names = [chain[0]["from"]] + [l["to"] for l in chain]
    if last["to"] != p["aud"] or last["from"] != p["iss"] or last["toAlg"] != "ed25519" or len(set(names)) != len(names):
        raise Reject("broken_chain")
    for a, b in zip(chain, chain[1:]):
        if a["to"] != b["from"] or a["toAlg"] != b["fromAlg"] or a["toKey"] != b["fromKey"]:
            raise Reject("broken_chain")
    for a, b in zip(chain, chain[1:]):
        if not set(b["scope"]) <= set(a["scope"]):
            raise Reject("scope_widened")
    if not set(p["scope"]) <= set(last["scope"]):
        raise Reject("scope_widened")
    for l in chain:
        body = {k: v for k, v in l.items() if k != "sig"}
        if l["fromAlg"] != "ed25519" or not ed_ok(b64d(l["fromKey"]), b"memos-cit-link-v1\x00" + canonical(body), b64d(l["sig"])):
            raise Reject("bad_link_signature")
    if not ed_ok(b64d(last["toKey"]), b"memos-cit-v1\x00" + payload, sig):
        raise Reject("bad_signature")
    key = hashlib.sha256(p["iss"].encode() + b"\x00" + b64d(p["nonce"])).digest()[:16]
    if key in seen:
        raise Reject("replayed_nonce")
    seen.add(key)
    return p["iss"], p["trust"], names, p["scope"]


def outcome(v, seen):
    try:
        return verify(v["token"], v["audience"], v["now"], seen)
    except Reject as r:
        return str(r)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    keys = json.load(open(os.path.join(d, "keys.json")))["keys"]
    for label, k in keys.items():
        seed = hashlib.sha256(("memos-cit-vector:" + label).encode()).hexdigest()
        assert k["seed"] == seed, label
    checked = 0
    for v in json.load(open(os.path.join(d, "accept.json"))):
        seen = set()
        e = v["expect"]
        got = outcome(v, seen)
        assert got == (e["mociId"], e["trustScore"], e["delegationChain"], e["scope"]), (v["name"], got)
        assert outcome(v, seen) == e["replayed"], v["name"]
        checked += 1
    for v in json.load(open(os.path.join(d, "reject.json"))):
        got = outcome(v, set())
        assert got == v["reason"], (v["name"], got, v["reason"])
        checked += 1
    print(f"{checked} CIT vectors agree")


if __name__ == "__main__":
    main()
