package io.kinglet.config.internal;

import java.io.InputStream;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/** An object class definition for tests: just its attributes. */
final class TestObjectClass implements ObjectClassDefinition {

    private final AttributeDefinition[] attributes;

    TestObjectClass(AttributeDefinition... attributes) {
        this.attributes = attributes;
    }

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public String getID() {
        return "io.kinglet.test";
    }

    @Override
    public String getDescription() {
        return "test object class";
    }

    @Override
    public AttributeDefinition[] getAttributeDefinitions(int filter) {
        return attributes.length == 0 ? null : attributes.clone();
    }

    @Override
    public InputStream getIcon(int size) {
        return null;
    }
}
