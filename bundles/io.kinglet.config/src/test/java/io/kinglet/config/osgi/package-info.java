/**
 * In-framework tests: io.kinglet.config in Felix with the real Configuration Admin, metatype and
 * SCR, run by bnd-testing (selected by the tester bundle's Test-Cases header, never by Surefire).
 * The requirements below let the resolver pull in what the tests talk to.
 */
@Requirement(namespace = "osgi.service", filter = "(objectClass=org.apache.felix.fileinstall.ArtifactInstaller)")
@Requirement(namespace = "osgi.service", filter = "(objectClass=org.osgi.service.cm.ConfigurationAdmin)")
@Requirement(namespace = "osgi.service", filter = "(objectClass=org.apache.felix.hc.api.HealthCheck)")
package io.kinglet.config.osgi;

import org.osgi.annotation.bundle.Requirement;
