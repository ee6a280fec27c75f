# Independent re-implementation of FORMAT.md sections 2-4 in Python (cryptography package), used to
# check that the spec alone is enough to read a memos bundle: python3 check_vectors.py
import json, hashlib, hmac, struct, io, tarfile, sys
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
import os
V=os.path.dirname(os.path.abspath(__file__))+'/'
def hkdf(ikm,salt,info): return HKDF(hashes.SHA256(),32,salt,info).derive(ikm)
k=json.load(open(V+'keys.json'))
d=bytes.fromhex(k['private_key']); addr=k['address']
kenc=hkdf(d,b'memos-v2',b'memos:encryption:'+addr.encode()); assert kenc.hex()==k['k_enc']
kmac=hkdf(kenc,b'memos-v2',b'memos:v1:manifest-mac'); assert kmac.hex()==k['k_mac']
def check(bundle_name, manifest_name):
    b=bytes.fromhex(''.join(open(V+bundle_name).read().split()))
    h=b[:76]; assert h[:8]==b'MEMOSBDL' and h[8]==1
    salt=h[12:44]; khdr=hkdf(kenc,salt,b'memos:v1:header-mac'); assert hmac.new(khdr,h[:44],'sha256').digest()==h[44:76]
    kpay=hkdf(kenc,salt,b'memos:v1:payload'); C=1<<h[10]; body=b[76:]; blk=C+16
    n=(len(body)+blk-1)//blk; a=ChaCha20Poly1305(kpay); P=b''
    for i in range(n):
        nonce=i.to_bytes(11,'big')+bytes([1 if i==n-1 else 0])
        P+=a.decrypt(nonce, body[i*blk:(i+1)*blk], h)
    mlen=struct.unpack('>I',P[-4:])[0]; M=P[-4-mlen:-4]; A=P[:-4-mlen]
    s=json.loads(M); body=s['manifest']
    canon=json.dumps(body,sort_keys=True,separators=(',',':'),ensure_ascii=False).encode()
    assert hashlib.sha256(canon).hexdigest()==s['manifest_sha256']
    assert hmac.new(kmac,b'memos manifest v1\n'+canon,'sha256').hexdigest()==s['hmac']
    assert hashlib.sha256(A).hexdigest()==body['archive_sha256'] and len(A)==body['archive_size']
    t=tarfile.open(fileobj=io.BytesIO(A))
    print([(m.name,m.type,m.size,oct(m.mode)) for m in t.getmembers()])
    env=json.loads(open(V+manifest_name).read())
    assert env['bundle_sha256']==hashlib.sha256(b).hexdigest()
    u={k2:v for k2,v in env.items() if not k2.startswith('envelope_')}
    cu=json.dumps(u,sort_keys=True,separators=(',',':'),ensure_ascii=False).encode()
    assert hmac.new(kmac,b'memos envelope v1\n'+cu,'sha256').hexdigest()==env['envelope_hmac']
    print("independent check OK", n, "chunks")

check('bundle-none.hex', 'manifest-none.json')
check('bundle-none-4k.hex', 'manifest-none-4k.json')
