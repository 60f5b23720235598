package io.kinglet.hawkbit.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the hawkBit client (PID {@code io.kinglet.hawkbit}); off without one. */
@ObjectClassDefinition(
        name = "Kinglet hawkBit client",
        description = "Takes fleet rollouts from an Eclipse hawkBit update server (its DDI API)")
public @interface HawkbitConfiguration {

    @AttributeDefinition(
            name = "Server",
            description = "The update server's base URL, e.g. https://hawkbit.example.com (https unless plain HTTP is"
                    + " allowed)")
    String server();

    @AttributeDefinition(name = "Tenant", description = "The server's tenant")
    String tenant() default "DEFAULT";

    @AttributeDefinition(
            name = "Controller id",
            required = false,
            description = "This device's id on the server; empty: the host name")
    String controllerId() default "";

    @AttributeDefinition(
            name = "Token kind",
            options = {
                @Option(value = "target", label = "Target token (this device's own)"),
                @Option(value = "gateway", label = "Gateway token (the tenant's)")
            },
            description = "Which token authenticates the device")
    String tokenKind() default "target";

    @AttributeDefinition(
            name = "Token",
            type = AttributeType.PASSWORD,
            description = "The target or gateway token; never logged")
    String token();

    @AttributeDefinition(
            name = "Trust store",
            required = false,
            description = "PKCS12 file with the CA certificates to trust for https, relative to the configuration"
                    + " folder (empty: the JDK's)")
    String trustStore() default "";

    @AttributeDefinition(
            name = "Trust store password",
            type = AttributeType.PASSWORD,
            required = false,
            description = "Its password")
    String trustStorePassword() default "";

    @AttributeDefinition(
            name = "Allow plain HTTP",
            description = "Talk to the server and download over http:// (tokens and bundles in clear text on the"
                    + " network; for a lab)")
    boolean allowPlainHttp() default false;

    @AttributeDefinition(
            name = "Shortest poll (s)",
            min = "1",
            max = "86400",
            description = "The server's polling sleep is not followed below this")
    int pollMinSeconds() default 10;

    @AttributeDefinition(
            name = "Longest poll (s)",
            min = "1",
            max = "86400",
            description = "Nor above this; also the longest back-off after failures")
    int pollMaxSeconds() default 3600;

    @AttributeDefinition(
            name = "Request timeout (s)",
            min = "1",
            max = "600",
            description = "A request not answered within this fails (a download: no byte for this long)")
    int timeoutSeconds() default 30;

    @AttributeDefinition(
            name = "Unreachable warning (s)",
            min = "10",
            max = "604800",
            description = "Health warns when the server has not answered for this long")
    int warnAfterSeconds() default 900;
}
