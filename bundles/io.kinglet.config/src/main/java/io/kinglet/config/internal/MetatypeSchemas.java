package io.kinglet.config.internal;

import java.util.Arrays;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Finds the metatype that describes a PID, in whichever installed bundle declares it. */
final class MetatypeSchemas {

    private final BundleContext context;
    private final MetaTypeService metatype;

    MetatypeSchemas(BundleContext context, MetaTypeService metatype) {
        this.context = context;
        this.metatype = metatype;
    }

    /** The definition of a singleton PID or a factory PID, or null when no bundle describes it. */
    ObjectClassDefinition find(ConfigFileName name) {
        String pid = name.schemaPid();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            String[] pids = name.isFactory() ? info.getFactoryPids() : info.getPids();
            if (pids != null && Arrays.asList(pids).contains(pid)) {
                return info.getObjectClassDefinition(pid, null);
            }
        }
        return null;
    }
}
