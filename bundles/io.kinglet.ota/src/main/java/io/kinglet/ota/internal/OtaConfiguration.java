package io.kinglet.ota.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Kinglet OTA agent",
        description = "Signed bundle pushes, blue/green with health-gated commit and automatic rollback")
public @interface OtaConfiguration {

    @AttributeDefinition(
            name = "API token",
            type = AttributeType.PASSWORD,
            description = "Bearer token every /ota request must carry. Empty: a random token is generated once "
                    + "into <state>/ota/token (mode 0600)")
    String token() default "";

    @AttributeDefinition(
            name = "Trusted certificates",
            description = "PEM file of the certificates whose jarsigner signatures are accepted (relative to the "
                    + "config folder). Empty: every artifact is refused")
    String trustedCertificates() default "";

    @AttributeDefinition(
            name = "Probation (s)",
            min = "1",
            max = "86400",
            description = "How long the health checks of the updated capability and all critical checks must pass "
                    + "before an update is committed")
    int probationSeconds() default 30;

    @AttributeDefinition(
            name = "Probation sampling (ms)",
            min = "50",
            max = "60000",
            description = "How often the health checks are run during probation")
    int probationIntervalMillis() default 500;

    @AttributeDefinition(
            name = "Largest artifact (bytes)",
            min = "1024",
            description = "An upload larger than this is refused with 413")
    long maxArtifactBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(
            name = "History",
            min = "1",
            max = "10000",
            description = "How many finished deployments the journal keeps")
    int historySize() default 100;
}
