package io.hotline.connectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.config.Settings;
import io.hotline.db.TestDatabase;
import io.hotline.wallet.Wallet;
import io.hotline.wallet.WalletUnavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mutual TLS to the wallet API, configured as an operator would: PEM files named by {@code HOTLINE_WALLET_TLS_*}.
 * The keys are made for the test with the JDK's keytool (EC P-256, self-signed, for 127.0.0.1).
 */
@DisplayName("The HTTP wallet over mutual TLS")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpWalletTlsIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final char[] PASS = "changeit".toCharArray();
    private Path dir;
    private TestWalletApi api;
    private Wallet builtin;
    private Path serverCert;
    private Path clientCert;
    private Path clientKey;
    private Path strangerCert;
    private Path strangerKey;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("wallet-tls");
        Path server = keystore("server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        Path client = keystore("client", "CN=hotline", null);
        Path stranger = keystore("stranger", "CN=stranger", null);
        serverCert = pem(server, "server", "cert");
        clientCert = pem(client, "client", "cert");
        clientKey = pem(client, "client", "key");
        strangerCert = pem(stranger, "stranger", "cert");
        strangerKey = pem(stranger, "stranger", "key");
        // the API presents its own certificate and trusts only Hotline's
        KeyStore ks = load(server);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("hotline", load(client).getCertificate("client"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        builtin = new Wallet(DB.dataSource(), Clock.systemDefaultZone());
        api = new TestWalletApi(ctx)
                .backedBy(
                        builtin,
                        new SmsSender(
                                builtin.outbox(),
                                new MemoryGateway(),
                                SmsConfig.forTests(),
                                "node-a",
                                Clock.systemDefaultZone()));
    }

    @AfterAll
    void stop() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
        if (api != null) {
            api.close();
            assertThat(api.violations()).isEmpty();
        }
    }

    private HttpWallet wallet(Path cert, Path key, Path trust) {
        Map<String, String> env = new HashMap<>(
                Map.of("HOTLINE_WALLET", "http", "HOTLINE_WALLET_URL", api.url().toString()));
        env.put("HOTLINE_WALLET_TOKEN", TestWalletApi.TOKEN);
        if (cert != null) {
            env.put("HOTLINE_WALLET_TLS_CERT", cert.toString());
            env.put("HOTLINE_WALLET_TLS_KEY", key.toString());
        }
        if (trust != null) {
            env.put("HOTLINE_WALLET_TLS_TRUST", trust.toString());
        }
        var config = WalletConfig.from(Settings.from(env)).http();
        return new HttpWallet(config, builtin.callerLimits(), new SimpleMeterRegistry(), Clock.systemDefaultZone());
    }

    @Test
    @DisplayName("with Hotline's client certificate and the API's CA, the caller is identified")
    void mutualTls() {
        try (HttpWallet w = wallet(clientCert, clientKey, serverCert)) {
            assertThat(w.findByMsisdn("13800138000")).isPresent();
        }
    }

    @Test
    @DisplayName(
            "without a client certificate, with one the API does not trust, or without trusting the API, the wallet is unavailable")
    void refused() {
        try (HttpWallet w = wallet(null, null, serverCert)) {
            assertThatThrownBy(() -> w.findByMsisdn("13800138000")).isInstanceOf(WalletUnavailable.class);
        }
        try (HttpWallet w = wallet(strangerCert, strangerKey, serverCert)) {
            assertThatThrownBy(() -> w.findByMsisdn("13800138000")).isInstanceOf(WalletUnavailable.class);
        }
        try (HttpWallet w = wallet(clientCert, clientKey, null)) {
            assertThatThrownBy(() -> w.findByMsisdn("13800138000")).isInstanceOf(WalletUnavailable.class);
        }
    }

    private Path keystore(String alias, String dname, String ext) throws Exception {
        Path ks = dir.resolve(alias + ".p12");
        var cmd = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                dname,
                "-validity",
                "2",
                "-keystore",
                ks.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                new String(PASS)));
        if (ext != null) {
            cmd.addAll(java.util.List.of("-ext", ext));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return ks;
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASS);
        }
        return ks;
    }

    /** The certificate or the PKCS#8 key of {@code alias} as a PEM file, as an operator would have them. */
    private Path pem(Path p12, String alias, String what) throws Exception {
        KeyStore ks = load(p12);
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(UTF_8));
        String text;
        if (what.equals("cert")) {
            Certificate c = ks.getCertificate(alias);
            text = "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } else {
            byte[] der = ks.getKey(alias, PASS).getEncoded(); // PKCS#8
            text = "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        }
        Path out = dir.resolve(alias + "-" + what + ".pem");
        Files.writeString(out, text);
        return out;
    }
}
