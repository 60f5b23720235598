package io.kinglet.console.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;

/** {@code console:hash PASSWORD}: the {@code passwordHash} for io.kinglet.console that accepts it. */
@Component(
        service = ConsoleCommands.class,
        property = {"osgi.command.scope=console", "osgi.command.function=hash"})
public class ConsoleCommands {

    @Descriptor("the passwordHash (PBKDF2, a new salt) for io.kinglet.console that accepts this password")
    public String hash(@Descriptor("the password") String password) {
        if (password.length() < 12) {
            throw new IllegalArgumentException("a console password needs at least 12 characters");
        }
        return "passwordHash = " + ConsolePassword.hash(password);
    }
}
