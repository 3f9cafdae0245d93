package vn.tthc.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to partners against a real HTTPS server with a self-signed certificate: without the trust store the call is
 * refused (PKIX), with {@code hub.tls.trust-store} it succeeds; the same component still calls plain http; a wrong
 * password or a missing file stops the start with the property named.
 */
class PartnerTlsTest {
    static final String PASSWORD = "changeit-test";
    @TempDir
    static Path dir;
    static Path serverStore;
    static Path trustStore;
    static HttpsServer https;
    static HttpServer http;

    @BeforeAll
    static void start() throws Exception {
        serverStore = dir.resolve("server.p12");
        trustStore = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "partner", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", serverStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "partner", "-keystore", serverStore.toString(), "-storepass", PASSWORD, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "partner-ca", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ssl));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (var server : List.of(https, http)) {
            server.createContext("/ping", ex -> {
                byte[] b = "pong".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                ex.close();
            });
            server.start();
        }
    }

    @AfterAll
    static void stop() {
        https.stop(0);
        http.stop(0);
    }

    static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    static Exchange call(CamelContext camel, String url) {
        ProducerTemplate producer = camel.createProducerTemplate();
        return producer.send(url + "?throwExceptionOnFailure=false", e -> e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET"));
    }

    @Test
    void theConfiguredTrustStoreLetsTheHubCallAPartnerWithItsOwnCertificate() throws Exception {
        String httpsUrl = "https://localhost:" + https.getAddress().getPort() + "/ping";
        try (CamelContext without = new DefaultCamelContext()) {
            HttpComponent http = without.getComponent("http", HttpComponent.class);
            http.setConnectTimeout(3000);
            http.setResponseTimeout(3000);
            http.setAutomaticRetriesDisabled(true);
            HttpComponent https = PartnerHttpConfiguration.apply(without, "", "", "PKCS12");
            without.start();
            assertThat(without.getComponent("https")).isSameAs(https);
            // the http component's settings reach https calls too
            assertThat(https.getConnectTimeout()).isEqualTo(3000);
            assertThat(https.getResponseTimeout()).isEqualTo(3000);
            assertThat(https.isAutomaticRetriesDisabled()).isTrue();
            Exchange refused = call(without, httpsUrl);
            assertThat(refused.getException()).isNotNull();
            assertThat(String.valueOf(refused.getException())).containsAnyOf("PKIX", "certification path", "SSLHandshake");
        }
        try (CamelContext with = new DefaultCamelContext()) {
            with.getComponent("http", HttpComponent.class).setResponseTimeout(3000);
            PartnerHttpConfiguration.apply(with, trustStore.toString(), PASSWORD, "PKCS12");
            with.start();
            Exchange ok = call(with, httpsUrl);
            assertThat(ok.getException()).isNull();
            assertThat(ok.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
            assertThat(ok.getMessage().getBody(String.class)).isEqualTo("pong");
            // plain http partners (e.g. a simulator) still work on the same component
            Exchange plain = call(with, "http://127.0.0.1:" + http.getAddress().getPort() + "/ping");
            assertThat(plain.getException()).isNull();
            assertThat(plain.getMessage().getBody(String.class)).isEqualTo("pong");
        }
    }

    @Test
    void aWrongPasswordOrAMissingFileStopsTheStartWithThePropertyNamed() {
        assertThatThrownBy(() -> PartnerTls.parameters(trustStore.toString(), "wrong", "PKCS12"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("hub.tls.trust-store");
        assertThatThrownBy(() -> PartnerTls.parameters(dir.resolve("nope.p12").toString(), PASSWORD, "PKCS12"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("hub.tls.trust-store: cannot read");
    }
}
