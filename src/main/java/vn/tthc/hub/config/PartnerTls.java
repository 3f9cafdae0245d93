package vn.tthc.hub.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * TLS to partners: the trust store ({@code hub.tls.trust-store}, its password from {@code HUB_TLS_TRUST_STORE_PASSWORD})
 * whose certificates the hub trusts when it calls a partner over https — e.g. the province's or NDXP's own CA. Checked at
 * start (the file readable, the password right, at least one certificate): a wrong setting stops the hub with the
 * property named instead of failing every delivery later. Without it the JVM's default trust applies.
 */
public final class PartnerTls {
    private PartnerTls() {
    }

    /** The SSL parameters of the http(s) component for this trust store; fails fast on a bad file or password. */
    public static SSLContextParameters parameters(String trustStore, String password, String type) {
        Path file = Path.of(trustStore);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("hub.tls.trust-store: cannot read " + file.toAbsolutePath());
        }
        String t = type == null || type.isBlank() ? "PKCS12" : type.trim();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(t);
            ks.load(in, password == null ? null : password.toCharArray());
            if (ks.size() == 0) {
                throw new IllegalStateException("hub.tls.trust-store: " + file + " holds no certificate");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("hub.tls.trust-store: cannot load " + file + " as " + t
                    + " (wrong hub.tls.trust-store-password?): " + e.getMessage(), e);
        }
        KeyStoreParameters ksp = new KeyStoreParameters();
        ksp.setResource("file:" + file.toAbsolutePath());
        ksp.setPassword(password);
        ksp.setType(t);
        TrustManagersParameters tmp = new TrustManagersParameters();
        tmp.setKeyStore(ksp);
        SSLContextParameters scp = new SSLContextParameters();
        scp.setTrustManagers(tmp);
        return scp;
    }
}
