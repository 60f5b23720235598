package io.kinglet.config.osgi;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * A component configured by a singleton PID, described by metatype the way every Kinglet capability
 * describes its configuration; it keeps the properties it last received so tests can see them.
 */
@Component(
        service = ConfiguredSample.class,
        configurationPid = ConfiguredSample.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredSample.Config.class)
public class ConfiguredSample {

    static final String PID = "io.kinglet.config.test.sample";

    @ObjectClassDefinition(
            name = "Configured sample",
            description = "A test component with a range, options and a list")
    @interface Config {
        @AttributeDefinition(name = "Size", description = "How many, from 1 to 10", min = "1", max = "10")
        int size() default 5;

        @AttributeDefinition(
                name = "Mode",
                description = "How fast",
                options = {@Option(value = "fast", label = "Fast"), @Option(value = "slow", label = "Slow")})
        String mode() default "fast";

        @AttributeDefinition(name = "Tags", description = "Free-form labels")
        String[] tags() default {};
    }

    private volatile Map<String, Object> properties;

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    /** The component properties of the last activation or modification. */
    Map<String, Object> properties() {
        return properties;
    }
}
