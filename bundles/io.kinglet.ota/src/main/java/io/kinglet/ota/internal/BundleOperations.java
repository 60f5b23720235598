package io.kinglet.ota.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;

/** The framework operations a deployment is made of, each waiting until it has taken effect. */
final class BundleOperations {

    private static final long REFRESH_TIMEOUT_SECONDS = 60;

    private final BundleContext context;
    private final FrameworkWiring wiring;

    BundleOperations(BundleContext context) {
        this.context = context;
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
    }

    /** Installs without resolving or starting. */
    Bundle install(String location, InputStream content) throws BundleException {
        return context.installBundle(location, content);
    }

    /** Resolves the bundles; null when all resolved, else what is missing, by bundle. */
    String resolve(Collection<Bundle> bundles) {
        if (wiring.resolveBundles(bundles)) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.getState() != Bundle.INSTALLED) {
                continue;
            }
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
                boolean optional = Namespace.RESOLUTION_OPTIONAL.equals(requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
                if (!optional && wiring.findProviders(requirement).isEmpty()) {
                    missing.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " needs " + requirement.getNamespace()
                            + " " + requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE) + ", which nothing provides");
                }
            }
            if (missing.isEmpty()) {
                missing.add(bundle.getSymbolicName() + " " + bundle.getVersion()
                        + " cannot be wired consistently with the running bundles");
            }
        }
        return String.join("; ", missing);
    }

    /** Refreshes the bundles (and what depends on them) and waits until the framework is done. */
    void refresh(Collection<Bundle> bundles) throws InterruptedException {
        if (bundles.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("refresh of " + bundles.size() + " bundle(s) did not finish in "
                    + REFRESH_TIMEOUT_SECONDS + " s");
        }
    }

    /** Bundles at managed locations with this symbolic name (normally one; two during a switch). */
    List<Bundle> managed(String symbolicName) {
        List<Bundle> found = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(io.kinglet.boot.OtaLayout.MANAGED_LOCATION_PREFIX)
                    && symbolicName.equals(bundle.getSymbolicName())) {
                found.add(bundle);
            }
        }
        return found;
    }

    Bundle byLocation(String location) {
        return context.getBundle(location);
    }
}
