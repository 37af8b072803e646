package io.hotline.connectors;

import io.hotline.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP wallet's TLS context from PEM files: a client certificate and its PKCS#8 key for mutual TLS, and CA
 * certificates to trust instead of the JDK's. A file that does not parse is a {@link ConfigException} naming its key.
 */
final class WalletTls {
    private WalletTls() {}

    /** The context for these settings; the JDK's default when none of the TLS keys is set. */
    static SSLContext context(WalletConfig.Http http) {
        if (http.tlsCert() == null && http.tlsTrust() == null) {
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no default TLS context", e);
            }
        }
        try {
            KeyManagerFactory kmf = null;
            if (http.tlsCert() != null) {
                List<Certificate> chain = certificates(http.tlsCert(), "HOTLINE_WALLET_TLS_CERT");
                PrivateKey key = privateKey(http.tlsKey());
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                char[] none = new char[0];
                ks.setKeyEntry("hotline", key, none, chain.toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, none);
            }
            TrustManagerFactory tmf = null;
            if (http.tlsTrust() != null) {
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                int i = 0;
                for (Certificate c : certificates(http.tlsTrust(), "HOTLINE_WALLET_TLS_TRUST")) {
                    ts.setCertificateEntry("ca-" + i++, c);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("HOTLINE_WALLET_TLS_*: cannot build the TLS context: " + e.getMessage());
        }
    }

    private static List<Certificate> certificates(Path file, String key) {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> out =
                    new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (out.isEmpty()) {
                throw new ConfigException(key + ": no certificate in '" + file + "'");
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(key + ": not PEM certificates: '" + file + "' (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("HOTLINE_WALLET_TLS_KEY: cannot read '" + file + "'");
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new ConfigException("HOTLINE_WALLET_TLS_KEY: not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY): '"
                    + file + "'; convert with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new ConfigException("HOTLINE_WALLET_TLS_KEY: neither an RSA, EC nor Ed25519 key: '" + file + "'");
    }
}
