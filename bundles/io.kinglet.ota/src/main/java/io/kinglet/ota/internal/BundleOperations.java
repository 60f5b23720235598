package io.kinglet.ota.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
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
                if (mandatory(requirement) && wiring.findProviders(requirement).isEmpty()) {
                    missing.add(needs(bundle, requirement) + ", which nothing provides");
                }
            }
            if (missing.isEmpty()) {
                missing.add(bundle.getSymbolicName() + " " + bundle.getVersion()
                        + " cannot be wired consistently with the running bundles");
            }
        }
        return String.join("; ", missing);
    }

    /**
     * What removing {@code replaced} would break: bundles that stay, wired to one of them for a
     * mandatory requirement that no other bundle (a green included) satisfies; null when nothing.
     */
    String orphaned(Collection<Bundle> replaced) {
        Set<Bundle> going = Set.copyOf(replaced);
        Set<String> broken = new LinkedHashSet<>();
        for (Bundle blue : replaced) {
            BundleWiring blueWiring = blue.adapt(BundleWiring.class);
            if (blueWiring == null) {
                continue;
            }
            for (BundleWire wire : blueWiring.getProvidedWires(null)) {
                Bundle requirer = wire.getRequirer().getBundle();
                BundleRequirement requirement = wire.getRequirement();
                if (going.contains(requirer) || !mandatory(requirement)) {
                    continue;
                }
                boolean elsewhere = wiring.findProviders(requirement).stream()
                        .anyMatch(c -> !going.contains(c.getRevision().getBundle()));
                if (!elsewhere) {
                    broken.add(needs(requirer, requirement) + ", which only " + blue.getSymbolicName() + " "
                            + blue.getVersion() + " provides");
                }
            }
        }
        return broken.isEmpty() ? null : String.join("; ", broken);
    }

    /** A fragment is never started: it attaches to its host. */
    static boolean fragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    private static boolean mandatory(BundleRequirement requirement) {
        return !Namespace.RESOLUTION_OPTIONAL.equals(
                requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
    }

    private static String needs(Bundle bundle, BundleRequirement requirement) {
        return bundle.getSymbolicName() + " " + bundle.getVersion() + " needs " + requirement.getNamespace() + " "
                + requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
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
            throw new IllegalStateException(
                    "refresh of " + bundles.size() + " bundle(s) did not finish in " + REFRESH_TIMEOUT_SECONDS + " s");
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

    /** The bundle now running for a symbolic name (the active one of a pair), or null. */
    Bundle running(String symbolicName) {
        Bundle found = null;
        for (Bundle bundle : managed(symbolicName)) {
            if (found == null || bundle.getState() == Bundle.ACTIVE) {
                found = bundle;
            }
        }
        return found;
    }

    /** What a refresh of {@code replaced} would restart, and whether that disturbs {@code agent}. */
    RefreshPlan plan(Collection<Bundle> replaced, Bundle agent) {
        return RefreshPlan.of(wiring, replaced, agent);
    }

    /** The health check tags a bundle's probation runs (see {@link ArtifactVerifier#healthTags}). */
    static List<String> healthTags(Bundle bundle) {
        return ArtifactVerifier.healthTags(
                bundle.getSymbolicName(), bundle.getHeaders("").get(ArtifactVerifier.HEALTH_TAGS_HEADER));
    }
}
