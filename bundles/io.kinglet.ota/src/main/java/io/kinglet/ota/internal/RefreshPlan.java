package io.kinglet.ota.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * What replacing bundles in place does to the rest of the framework: the refresh of the replaced
 * bundles restarts every bundle wired to them, transitively ({@link FrameworkWiring#getDependencyClosure}).
 * Each restarted bundle is named with the reason, e.g. {@code io.kinglet.x (imports io.kinglet.health.api)}.
 * When the OTA agent itself would be restarted, or would lose a service it uses, the deployment must
 * not be switched in place under it: it takes the trial path (a framework restart into the new set).
 */
record RefreshPlan(List<String> restarted, String agentDisturbed) {

    /** True when the agent cannot make this switch in place. */
    boolean disturbsAgent() {
        return agentDisturbed != null;
    }

    static RefreshPlan of(FrameworkWiring wiring, Collection<Bundle> replaced, Bundle agent) {
        Set<Bundle> going = Set.copyOf(replaced);
        Collection<Bundle> closure = replaced.isEmpty() ? List.of() : wiring.getDependencyClosure(replaced);
        List<String> restarted = new ArrayList<>();
        String disturbed = null;
        for (Bundle bundle : closure) {
            if (going.contains(bundle)) {
                continue;
            }
            String line = bundle.getSymbolicName() + " (" + reason(bundle, closure) + ")";
            restarted.add(line);
            if (bundle.equals(agent)) {
                disturbed = line;
            }
        }
        if (disturbed == null && going.contains(agent)) {
            disturbed = agent.getSymbolicName() + " (is replaced)";
        }
        if (disturbed == null) {
            // a bundle the refresh restarts unregisters its services too
            Set<Bundle> stopping = new HashSet<>(closure);
            stopping.addAll(going);
            disturbed = serviceLost(agent, stopping);
        }
        restarted.sort(null);
        return new RefreshPlan(List.copyOf(restarted), disturbed);
    }

    /** How {@code bundle} is wired into the closure: the first wire to a bundle in it. */
    private static String reason(Bundle bundle, Collection<Bundle> closure) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                Bundle provider = wire.getProvider().getBundle();
                if (!provider.equals(bundle) && closure.contains(provider)) {
                    return describe(wire, provider);
                }
            }
        }
        return "wired to a replaced bundle";
    }

    private static String describe(BundleWire wire, Bundle provider) {
        Object name =
                wire.getCapability().getAttributes().get(wire.getCapability().getNamespace());
        return switch (wire.getCapability().getNamespace()) {
            case PackageNamespace.PACKAGE_NAMESPACE -> "imports " + name;
            case BundleNamespace.BUNDLE_NAMESPACE -> "requires bundle " + name;
            case HostNamespace.HOST_NAMESPACE -> "is a fragment of " + provider.getSymbolicName();
            default -> "requires " + wire.getCapability().getNamespace() + " from " + provider.getSymbolicName();
        };
    }

    /** The agent would lose a service it holds: its components would be deactivated mid-deployment. */
    private static String serviceLost(Bundle agent, Set<Bundle> stopping) {
        ServiceReference<?>[] used = agent.getServicesInUse();
        if (used == null) {
            return null;
        }
        for (ServiceReference<?> reference : used) {
            if (stopping.contains(reference.getBundle())) {
                return agent.getSymbolicName() + " (uses the service "
                        + String.join(", ", (String[]) reference.getProperty(Constants.OBJECTCLASS)) + " of "
                        + reference.getBundle().getSymbolicName() + ")";
            }
        }
        return null;
    }
}
