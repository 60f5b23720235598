package io.kinglet.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Who may use the web console (PID {@code io.kinglet.console}); without it, a generated password. */
@ObjectClassDefinition(name = "Kinglet web console", description = "The operator's login to /system/console")
public @interface ConsoleConfiguration {

    @AttributeDefinition(name = "User name", description = "The console's one user")
    String username() default "admin";

    @AttributeDefinition(
            name = "Password hash",
            type = AttributeType.PASSWORD,
            required = false,
            description = "{pbkdf2}<iterations>:<salt, base64>:<hash, base64> (PBKDF2 with HMAC-SHA256), as"
                    + " console:hash prints it; empty: a password generated into the state directory")
    String passwordHash() default "";

    @AttributeDefinition(
            name = "Failed logins a minute",
            min = "1",
            max = "1000",
            description = "From one address; more are refused until the minute is over")
    int failedLoginsPerMinute() default 5;
}
