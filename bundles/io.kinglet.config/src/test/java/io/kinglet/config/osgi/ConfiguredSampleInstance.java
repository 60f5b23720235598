package io.kinglet.config.osgi;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A component with one instance per factory configuration; keeps the properties it last received. */
@Component(
        service = ConfiguredSampleInstance.class,
        configurationPid = ConfiguredSampleInstance.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredSampleInstance.Config.class, factory = true)
public class ConfiguredSampleInstance {

    static final String FACTORY_PID = "io.kinglet.config.test.instance";

    @ObjectClassDefinition(name = "Configured sample instance", description = "A test factory component")
    @interface Config {
        @AttributeDefinition(name = "Port", description = "TCP port", min = "1", max = "65535")
        int port();
    }

    private volatile Map<String, Object> properties;

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    Map<String, Object> properties() {
        return properties;
    }
}
