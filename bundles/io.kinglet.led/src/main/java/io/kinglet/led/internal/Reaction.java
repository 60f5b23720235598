package io.kinglet.led.internal;

import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code io.kinglet.led.reaction-<name>.cfg} ({@link ReactionRule}): it subscribes to its start
 * and end topics itself, because they come from its configuration. A configuration that does not
 * parse is logged naming the file's problem, and subscribes to nothing.
 */
@Component(
        service = {},
        configurationPid = Reaction.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ReactionConfiguration.class, factory = true)
public class Reaction implements EventHandler {

    static final String FACTORY_PID = "io.kinglet.led.reaction";
    private static final Logger LOG = LoggerFactory.getLogger(Reaction.class);

    private final String name;
    private final Reactions reactions;
    private final ReactionRule rule;
    private final ServiceRegistration<EventHandler> registration;

    @Activate
    public Reaction(
            ReactionConfiguration config,
            Map<String, Object> properties,
            BundleContext context,
            @Reference(service = LedAnimator.class) Reactions reactions) {
        this.name = name(properties);
        this.reactions = reactions;
        ReactionRule parsed = null;
        try {
            parsed = ReactionRule.of(name, config);
        } catch (IllegalArgumentException e) {
            LOG.error("LED: reaction '{}' does nothing: {}", name, e.getMessage());
        }
        this.rule = parsed;
        this.registration = parsed == null ? null : subscribe(context, parsed);
    }

    /** The file's name part: {@code io.kinglet.led.reaction~ota} is {@code ota}. */
    static String name(Map<String, Object> properties) {
        String pid = String.valueOf(properties.get("service.pid"));
        int tilde = pid.lastIndexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }

    private ServiceRegistration<EventHandler> subscribe(BundleContext context, ReactionRule rule) {
        Set<String> all = new LinkedHashSet<>(Arrays.asList(rule.topics()));
        all.addAll(Arrays.asList(rule.endTopics()));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, all.toArray(String[]::new));
        LOG.debug("LED: reaction '{}' plays {} on {}", rule.name(), rule.selection(), all);
        return context.registerService(EventHandler.class, this, props);
    }

    @Override
    public void handleEvent(Event event) {
        rule.handle(event, reactions);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        reactions.removeReaction(name);
    }
}
