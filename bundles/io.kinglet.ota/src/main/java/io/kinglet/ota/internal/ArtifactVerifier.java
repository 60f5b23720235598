package io.kinglet.ota.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * Decides whether an uploaded jar may be installed: a readable zip, OSGi headers present and well
 * formed, and every entry signed (jarsigner) by a certificate the device trusts. A jar whose content
 * was changed after signing fails reading its entries; one with an entry added after signing has an
 * unsigned entry; both are refused.
 */
final class ArtifactVerifier {

    /** What a verified artifact is. */
    record Verified(String symbolicName, Version version, String sha256, Path file) {}

    /** Manifest header by which a bundle names the health check tags of its capability. */
    static final String HEALTH_TAGS_HEADER = "Kinglet-Health-Tags";

    private final List<X509Certificate> trusted;

    ArtifactVerifier(List<X509Certificate> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** The certificates of a PEM file (one or more {@code BEGIN CERTIFICATE} blocks). */
    static List<X509Certificate> loadCertificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)
                    .forEach(c -> certificates.add((X509Certificate) c));
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException(pem + " holds no certificate");
            }
            return certificates;
        }
    }

    Verified verify(ArtifactStore.Received upload) throws Refusal {
        try (JarFile jar = new JarFile(upload.file().toFile(), true)) {
            Attributes headers =
                    jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
            if (headers == null) {
                throw new Refusal(Refusal.UNACCEPTABLE, "not an OSGi bundle: the jar has no META-INF/MANIFEST.MF");
            }
            String symbolicName = headers.getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (symbolicName == null || symbolicName.isBlank()) {
                throw new Refusal(Refusal.UNACCEPTABLE, "not an OSGi bundle: missing header Bundle-SymbolicName");
            }
            symbolicName = symbolicName.split(";")[0].strip();
            if (!"2".equals(headers.getValue(Constants.BUNDLE_MANIFESTVERSION))) {
                throw new Refusal(
                        Refusal.UNACCEPTABLE,
                        symbolicName + ": header Bundle-ManifestVersion must be 2, not "
                                + headers.getValue(Constants.BUNDLE_MANIFESTVERSION));
            }
            Version version;
            try {
                version = Version.parseVersion(headers.getValue(Constants.BUNDLE_VERSION));
            } catch (IllegalArgumentException e) {
                throw new Refusal(
                        Refusal.UNACCEPTABLE,
                        symbolicName + ": bad header Bundle-Version '" + headers.getValue(Constants.BUNDLE_VERSION)
                                + "' (" + e.getMessage() + ")");
            }
            checkSignatures(jar, symbolicName);
            return new Verified(symbolicName, version, upload.sha256(), upload.file());
        } catch (ZipException e) {
            throw new Refusal(Refusal.UNACCEPTABLE, "not a valid jar (corrupt zip): " + e.getMessage());
        } catch (IOException e) {
            throw new Refusal(Refusal.UNACCEPTABLE, "not a readable jar: " + e.getMessage());
        }
    }

    private void checkSignatures(JarFile jar, String symbolicName) throws IOException, Refusal {
        if (trusted.isEmpty()) {
            throw new Refusal(
                    Refusal.UNACCEPTABLE,
                    "no trusted signing certificate is configured "
                            + "(io.kinglet.ota trustedCertificates): every artifact is refused");
        }
        byte[] buffer = new byte[16 * 1024];
        int signed = 0;
        List<String> unsigned = new ArrayList<>();
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                continue;
            }
            // Reading the entry completely is what makes JarFile check it against its signed digest.
            try (InputStream in = jar.getInputStream(entry)) {
                while (in.read(buffer) >= 0) {
                    // read to the end
                }
            } catch (SecurityException e) {
                throw new Refusal(
                        Refusal.UNACCEPTABLE,
                        symbolicName + ": tampered: entry " + entry.getName() + " does not match its signature ("
                                + e.getMessage() + ")");
            }
            CodeSigner[] signers = entry.getCodeSigners();
            if (signers == null || signers.length == 0) {
                unsigned.add(entry.getName());
                continue;
            }
            if (Arrays.stream(signers).noneMatch(signer -> trusted(signer.getSignerCertPath()))) {
                X509Certificate who = (X509Certificate)
                        signers[0].getSignerCertPath().getCertificates().get(0);
                throw new Refusal(
                        Refusal.UNACCEPTABLE,
                        symbolicName + ": signed by an untrusted key ("
                                + who.getSubjectX500Principal().getName()
                                + "), not by a certificate in trustedCertificates");
            }
            signed++;
        }
        if (signed == 0) {
            throw new Refusal(
                    Refusal.UNACCEPTABLE,
                    symbolicName + ": not signed (sign it with jarsigner; see README, " + "\"Updating a device\")");
        }
        if (!unsigned.isEmpty()) {
            throw new Refusal(
                    Refusal.UNACCEPTABLE,
                    symbolicName + ": tampered: " + unsigned.size() + " entry(ies) not covered by the signature, e.g. "
                            + unsigned.get(0));
        }
    }

    /** Whether the signer is a trusted certificate, or its chain leads to one. */
    private boolean trusted(CertPath path) {
        List<? extends java.security.cert.Certificate> chain = path.getCertificates();
        for (int i = 0; i < chain.size(); i++) {
            if (trusted.contains(chain.get(i))) {
                return i == 0 || validates(chain.subList(0, i), (X509Certificate) chain.get(i));
            }
        }
        return trusted.stream().anyMatch(anchor -> validates(chain, anchor));
    }

    private static boolean validates(List<? extends java.security.cert.Certificate> chain, X509Certificate anchor) {
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            // Devices have no route to a CRL or OCSP responder; revocation is by removing the anchor.
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.equals("META-INF/MANIFEST.MF")
                || upper.endsWith(".SF")
                || upper.endsWith(".RSA")
                || upper.endsWith(".DSA")
                || upper.endsWith(".EC")
                || upper.startsWith("META-INF/SIG-");
    }

    /** The capability's health tags: the header's, else the last segment of the symbolic name. */
    static List<String> healthTags(String symbolicName, String declared) {
        if (declared != null && !declared.isBlank()) {
            return List.of(declared.strip().split("\\s*,\\s*"));
        }
        return List.of(symbolicName.substring(symbolicName.lastIndexOf('.') + 1));
    }
}
