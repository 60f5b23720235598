package io.kinglet.ota.internal;

import java.util.Collection;
import java.util.Set;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * While green is installed beside blue, green's requirements never wire to blue: green must not
 * depend on the bundle it replaces, which is uninstalled at the switch.
 */
final class RetiredBundles implements ResolverHookFactory {

    private record Rule(Set<Long> hidden, Set<Long> from) {}

    private volatile Rule rule = new Rule(Set.of(), Set.of());

    /** {@code hidden} bundles' capabilities are not offered to {@code requirers}. */
    void hide(Set<Long> hidden, Set<Long> requirers) {
        rule = new Rule(Set.copyOf(hidden), Set.copyOf(requirers));
    }

    void clear() {
        rule = new Rule(Set.of(), Set.of());
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        Rule current = rule;
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                // every bundle may resolve
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> collisions) {
                // the framework's own rule
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                long requirer = requirement.getRevision().getBundle().getBundleId();
                if (!current.from().contains(requirer)) {
                    return;
                }
                candidates.removeIf(c -> c.getRevision().getBundle().getBundleId() != requirer
                        && current.hidden().contains(c.getRevision().getBundle().getBundleId()));
            }

            @Override
            public void end() {
                // nothing held
            }
        };
    }
}
