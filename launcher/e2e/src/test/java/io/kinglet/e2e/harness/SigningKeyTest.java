package io.kinglet.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinglet.e2e.BundleVariant;
import io.kinglet.e2e.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    static Path keys;
    /** keytool takes a second or two: one key for the class. */
    static SigningKey key;

    @TempDir
    Path dir;

    @BeforeAll
    static void createKey() throws IOException {
        key = SigningKey.create(keys, "release", "Kinglet Test Release");
    }

    @Test
    void keystoreHoldsASelfSignedP256Key() throws IOException, GeneralSecurityException {
        KeyStore store =
                KeyStore.getInstance(key.keystore().toFile(), key.password().toCharArray());
        assertThat(store.isKeyEntry(key.alias())).isTrue();
        assertThat(store.getKey(key.alias(), key.password().toCharArray()).getAlgorithm())
                .isEqualTo("EC");

        X509Certificate certificate = pemCertificate();
        assertThat(Files.readString(key.certificatePem())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(certificate).isEqualTo(store.getCertificate(key.alias()));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Kinglet Test Release");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
    }

    @Test
    void signedVariantVerifiesWithTheKeysCertificate() throws IOException, GeneralSecurityException {
        Path signed = signedVariant();

        X509Certificate certificate = pemCertificate();
        try (JarFile jar = new JarFile(signed.toFile(), true)) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-Version"))
                    .isEqualTo("2.0.0");
            // jarsigner's signature file names: the alias in upper case; EC for an EC key
            assertThat(jar.getEntry("META-INF/RELEASE.SF")).isNotNull();
            assertThat(jar.getEntry("META-INF/RELEASE.EC")).isNotNull();
            long checked = 0;
            for (JarEntry entry : jar.stream()
                    .filter(e -> !e.isDirectory() && !e.getName().startsWith("META-INF/"))
                    .toList()) {
                TestJars.read(jar, entry);
                CodeSigner[] signers = entry.getCodeSigners();
                assertThat(signers).as(entry.getName()).hasSize(1);
                assertThat(List.<Certificate>copyOf(
                                signers[0].getSignerCertPath().getCertificates()))
                        .containsExactly(certificate);
                checked++;
            }
            assertThat(checked).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void tamperedJarFailsVerification() throws IOException {
        Path tampered = BundleVariant.tamper(signedVariant(), dir.resolve("tampered.jar"));

        try (JarFile jar = new JarFile(tampered.toFile(), true)) {
            assertThat(jar.getEntry("META-INF/RELEASE.SF")).isNotNull();
            assertThatThrownBy(() -> {
                        for (JarEntry entry : jar.stream().toList()) {
                            TestJars.read(jar, entry);
                        }
                    })
                    .isInstanceOf(SecurityException.class);
        }
    }

    @Test
    void entryAddedAfterSigningHasNoSigner() throws IOException {
        Path added = BundleVariant.addUnsignedEntry(signedVariant(), dir.resolve("added.jar"));

        try (JarFile jar = new JarFile(added.toFile(), true)) {
            JarEntry unsigned = jar.getJarEntry(BundleVariant.UNSIGNED_ENTRY);
            TestJars.read(jar, unsigned);
            assertThat(unsigned.getCodeSigners()).isNull();

            JarEntry greeter = jar.getJarEntry("io/kinglet/demo/internal/Greeter.class");
            TestJars.read(jar, greeter);
            assertThat(greeter.getCodeSigners()).hasSize(1);
        }
    }

    @Test
    void anIssuedKeySignsWithItsChainUpToTheIssuer() throws IOException, GeneralSecurityException {
        SigningKey issued = SigningKey.issuedBy(key, dir, "signer", "Kinglet Test Signer");
        Path signed = issued.sign(
                BundleVariant.of(TestJars.demo()).writeTo(dir.resolve("plain.jar")), dir.resolve("issued.jar"));

        try (JarFile jar = new JarFile(signed.toFile(), true)) {
            JarEntry greeter = jar.getJarEntry("io/kinglet/demo/internal/Greeter.class");
            TestJars.read(jar, greeter);
            List<? extends Certificate> chain =
                    greeter.getCodeSigners()[0].getSignerCertPath().getCertificates();
            assertThat(chain).hasSize(2);
            assertThat(((X509Certificate) chain.get(0))
                            .getSubjectX500Principal()
                            .getName())
                    .isEqualTo("CN=Kinglet Test Signer");
            assertThat(((X509Certificate) chain.get(0)).getIssuerX500Principal().getName())
                    .isEqualTo("CN=Kinglet Test Release");
            assertThat(chain.get(1)).isEqualTo(pemCertificate());
            chain.get(0).verify(chain.get(1).getPublicKey());
        }
    }

    private Path signedVariant() throws IOException {
        Path variant = BundleVariant.of(TestJars.demo())
                .header("Bundle-Version", "2.0.0")
                .writeTo(dir.resolve("variant.jar"));
        return key.sign(variant, dir.resolve("signed.jar"));
    }

    private static X509Certificate pemCertificate() throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(key.certificatePem())) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            return (X509Certificate) certificate;
        }
    }
}
