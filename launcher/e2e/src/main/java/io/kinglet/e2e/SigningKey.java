package io.kinglet.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;

/**
 * A signing identity for tests: an EC P-256 key pair with a self-signed (or issued) certificate, made by the
 * JDK's {@code keytool} the way an operator would make one, in a PKCS12 keystore.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.create(tempDir, "release", "Kinglet Release");
 * key.sign(unsignedJar, signedJar);       // as jarsigner would
 * key.certificatePem();                   // what the device is told to trust
 * }</pre>
 */
public final class SigningKey {

    private static final String PASSWORD = "kinglet-e2e";

    private final Path keystore;
    private final String alias;
    private final Path certificatePem;

    private SigningKey(Path keystore, String alias, Path certificatePem) {
        this.keystore = keystore;
        this.alias = alias;
        this.certificatePem = certificatePem;
    }

    /**
     * Creates {@code <alias>.p12} (the key pair) and {@code <alias>.pem} (its certificate) in
     * {@code dir}, with the subject {@code CN=<commonName>}.
     */
    public static SigningKey create(Path dir, String alias, String commonName) throws IOException {
        Path keystore = dir.resolve(alias + ".p12");
        Path pem = dir.resolve(alias + ".pem");
        keytool(
                "-genkeypair",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-sigalg",
                "SHA256withECDSA",
                "-dname",
                "CN=" + commonName,
                "-alias",
                alias,
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                alias,
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                pem.toString());
        return new SigningKey(keystore, alias, pem);
    }

    /**
     * As {@link #create}, but the certificate is issued by {@code issuer} (as a release CA issues a
     * signer's): the keystore holds the chain signer, issuer, so signatures carry both.
     */
    public static SigningKey issuedBy(SigningKey issuer, Path dir, String alias, String commonName) throws IOException {
        SigningKey key = create(dir, alias, commonName);
        Path request = dir.resolve(alias + ".csr");
        keytool(
                "-certreq",
                "-alias",
                alias,
                "-keystore",
                key.keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                request.toString());
        keytool(
                "-gencert",
                "-rfc",
                "-alias",
                issuer.alias,
                "-keystore",
                issuer.keystore.toString(),
                "-storepass",
                PASSWORD,
                "-infile",
                request.toString(),
                "-outfile",
                key.certificatePem.toString());
        // keytool builds the chain of the reply from the issuer's certificate in the same keystore
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                issuer.alias + "-issuer",
                "-keystore",
                key.keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                issuer.certificatePem.toString());
        keytool(
                "-importcert",
                "-alias",
                alias,
                "-keystore",
                key.keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                key.certificatePem.toString());
        return key;
    }

    public Path keystore() {
        return keystore;
    }

    /** The password of the keystore and of the key in it (PKCS12 has one for both). */
    public String password() {
        return PASSWORD;
    }

    public String alias() {
        return alias;
    }

    /** The key's certificate (self-signed, or issued by another key), PEM-encoded. */
    public Path certificatePem() {
        return certificatePem;
    }

    /** Signs a jar as {@code jarsigner -digestalg SHA-256} would with this keystore and alias. */
    public Path sign(Path jarIn, Path jarOut) throws IOException {
        JarSigner signer;
        try {
            KeyStore store = KeyStore.getInstance(keystore.toFile(), PASSWORD.toCharArray());
            PrivateKey key = (PrivateKey) store.getKey(alias, PASSWORD.toCharArray());
            CertPath chain = CertificateFactory.getInstance("X.509")
                    .generateCertPath(Arrays.asList(store.getCertificateChain(alias)));
            signer = new JarSigner.Builder(key, chain)
                    .digestAlgorithm("SHA-256")
                    .signatureAlgorithm("SHA256withECDSA")
                    .signerName(signerName(alias))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the key " + alias + " from " + keystore, e);
        }
        try (ZipFile in = new ZipFile(jarIn.toFile());
                OutputStream out = Files.newOutputStream(jarOut)) {
            signer.sign(in, out);
        }
        return jarOut;
    }

    /** jarsigner's name for the signature files: the alias, upper case, at most 8 safe characters. */
    private static String signerName(String alias) {
        String name = alias.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_-]", "_");
        return name.substring(0, Math.min(8, name.length()));
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + args[0] + " failed (" + process.exitValue() + "): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for keytool", e);
        }
    }
}
