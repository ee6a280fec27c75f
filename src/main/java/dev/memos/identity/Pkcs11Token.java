package dev.memos.identity;

import dev.memos.crypto.Passphrase;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signer;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.login.LoginException;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A logged-in session on a PKCS#11 token through the JDK's SunPKCS11 provider, configured in code.
 * Tier-3 keys are P-256 pairs generated in the token as sensitive, non-extractable objects; the
 * private key never leaves it. SunPKCS11's key store only lists private keys that have a
 * certificate, so each key gets a self-signed placeholder certificate (built with BouncyCastle's
 * ASN.1 classes, signed by the token) under the same alias.
 */
final class Pkcs11Token implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Provider provider;
    private final KeyStore store;

    private Pkcs11Token(Provider provider, KeyStore store) {
        this.provider = provider;
        this.store = store;
    }

    /** Opens the token and logs in; clear errors for a missing module, a missing token and a wrong PIN. */
    static Pkcs11Token open(HsmConfig cfg, Passphrase pin) {
        if (!Files.isRegularFile(cfg.module())) {
            throw new MemosException(ErrorKind.FAILURE, "PKCS#11 module " + cfg.module() + " not found: install it "
                    + "(Debian: apt-get install softhsm2) or set identity.hsm.module");
        }
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new MemosException(ErrorKind.FAILURE, "this Java runtime has no SunPKCS11 provider: use a full JDK 17+");
        }
        String conf = "--name = memos" + COUNTER.incrementAndGet() + "\n"
                + "library = " + cfg.module() + "\n"
                + "slotListIndex = " + cfg.slotListIndex() + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
        Provider p;
        try {
            p = base.configure(conf);
        } catch (ProviderException | IllegalArgumentException e) {
            throw new MemosException(ErrorKind.FAILURE, "cannot open the PKCS#11 token at slot index " + cfg.slotListIndex()
                    + " of " + cfg.module() + " (" + rootMessage(e) + "): initialise a token (scripts/softhsm) or set "
                    + "identity.hsm.slot-index / SOFTHSM2_CONF", e);
        }
        char[] pinChars = pin.chars();
        try {
            KeyStore ks = KeyStore.getInstance("PKCS11", p);
            ks.load(null, pinChars);
            return new Pkcs11Token(p, ks);
        } catch (IOException e) {
            if (hasCause(e, LoginException.class) || rootMessage(e).contains("CKR_PIN")) {
                throw MemosException.auth("the HSM refused the PIN (" + rootMessage(e)
                        + "): check MEMOS_HSM_PIN; several wrong PINs lock the token");
            }
            throw new MemosException(ErrorKind.FAILURE, "cannot log in to the PKCS#11 token: " + rootMessage(e), e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new MemosException(ErrorKind.FAILURE, "cannot use the PKCS#11 token: " + rootMessage(e), e);
        } finally {
            Arrays.fill(pinChars, '\0');
        }
    }

    boolean contains(String alias) {
        try {
            return store.containsAlias(alias);
        } catch (GeneralSecurityException e) {
            throw new MemosException(ErrorKind.FAILURE, "cannot list the PKCS#11 token: " + rootMessage(e), e);
        }
    }

    /** Generates a P-256 pair in the token under {@code alias}; returns the 65-byte public point. */
    byte[] generate(String alias) {
        if (contains(alias)) {
            throw new MemosException(ErrorKind.FAILURE, "the token already holds a key named " + alias);
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            Certificate cert = selfSigned(kp, alias);
            store.setKeyEntry(alias, kp.getPrivate(), null, new Certificate[] {cert});
            return uncompressed((ECPublicKey) kp.getPublic());
        } catch (GeneralSecurityException | IOException | ProviderException e) {
            throw new MemosException(ErrorKind.FAILURE, "the token could not create a P-256 key: " + rootMessage(e), e);
        }
    }

    /** A signer over the token key {@code alias}, checked against the expected public key. */
    Signer signer(String alias, byte[] expectedPublicKey) {
        try {
            Certificate cert = store.getCertificate(alias);
            PrivateKey key = (PrivateKey) store.getKey(alias, null);
            if (cert == null || key == null) {
                throw MemosException.integrity("the token has no key " + alias + ": wrong token or slot (identity.hsm.slot-index)?");
            }
            byte[] pub = uncompressed((ECPublicKey) cert.getPublicKey());
            if (!Arrays.equals(pub, expectedPublicKey)) {
                throw MemosException.integrity("the token key " + alias + " is not this identity's key: wrong token?");
            }
            return new TokenSigner(provider, key, pub);
        } catch (GeneralSecurityException e) {
            throw new MemosException(ErrorKind.FAILURE, "cannot read key " + alias + " from the token: " + rootMessage(e), e);
        }
    }

    void destroy(String alias) {
        try {
            if (store.containsAlias(alias)) {
                store.deleteEntry(alias);
            }
        } catch (GeneralSecurityException e) {
            throw new MemosException(ErrorKind.FAILURE, "the token could not destroy " + alias + ": " + rootMessage(e), e);
        }
    }

    @Override
    public void close() {
        if (provider instanceof AuthProvider ap) {
            try {
                ap.logout();
            } catch (LoginException | ProviderException ignored) {
                // the session ends with the process anyway
            }
        }
    }

    static byte[] uncompressed(ECPublicKey pub) {
        byte[] out = new byte[65];
        out[0] = 4;
        put32(pub.getW().getAffineX(), out, 1);
        put32(pub.getW().getAffineY(), out, 33);
        return out;
    }

    private static void put32(BigInteger v, byte[] out, int off) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, off + 32 - n, n);
    }

    private Certificate selfSigned(KeyPair kp, String alias) throws GeneralSecurityException, IOException {
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        X500Name name = new X500Name("CN=" + alias.replaceAll("[^A-Za-z0-9.-]", "_"));
        AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        long now = System.currentTimeMillis();
        g.setSerialNumber(new ASN1Integer(BigInteger.valueOf(now)));
        g.setIssuer(name);
        g.setSubject(name);
        g.setStartDate(new Time(new Date(now - 60_000)));
        g.setEndDate(new Time(new Date(now + 20L * 365 * 24 * 3600 * 1000)));
        g.setSignature(alg);
        g.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
        TBSCertificate tbs = g.generateTBSCertificate();
        Signature s = Signature.getInstance("SHA256withECDSA", provider);
        s.initSign(kp.getPrivate());
        s.update(tbs.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(tbs);
        v.add(alg);
        v.add(new DERBitString(s.sign()));
        byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
        return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static boolean hasCause(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return m.replaceAll("[\\r\\n]+", " ");
    }

    /** Signs through the token: ECDSA P-256 / SHA-256, output r || s (P1363), 64 bytes. */
    private record TokenSigner(Provider provider, PrivateKey key, byte[] pub) implements Signer {
        @Override
        public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.ECDSA_P256;
        }

        @Override
        public byte[] publicKey() {
            return pub.clone();
        }

        @Override
        public byte[] sign(byte[] message) {
            try {
                Signature s = Signature.getInstance("SHA256withECDSAinP1363Format", provider);
                s.initSign(key);
                s.update(message);
                return s.sign();
            } catch (GeneralSecurityException | ProviderException e) {
                throw new MemosException(ErrorKind.FAILURE, "the token could not sign: " + rootMessage(e), e);
            }
        }

        @Override
        public String toString() {
            return "TokenSigner[P-256, key in token]";
        }
    }
}
