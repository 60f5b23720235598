package io.kinglet.telemetry.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS side of the broker connection: the configured PKCS12 trust and key stores, under the state directory. */
final class BrokerTls {

    private BrokerTls() {}

    /** TLS from the configured PKCS12 stores, or the JDK's defaults; null for plain TCP. */
    static SocketFactory socketFactory(Path stateDir, TelemetryConfiguration config)
            throws IOException, GeneralSecurityException {
        if (!config.broker_url().startsWith("ssl:") && !config.broker_url().startsWith("wss:")) {
            return null;
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(
                config.tls_trustStore().isBlank()
                        ? null
                        : KeyStore.getInstance(
                                stateDir.resolve(config.tls_trustStore()).toFile(),
                                config.tls_trustStorePassword().toCharArray()));
        KeyManagerFactory keys = null;
        if (!config.tls_keyStore().isBlank()) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(
                    KeyStore.getInstance(
                            stateDir.resolve(config.tls_keyStore()).toFile(),
                            config.tls_keyStorePassword().toCharArray()),
                    config.tls_keyStorePassword().toCharArray());
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return tls.getSocketFactory();
    }
}
