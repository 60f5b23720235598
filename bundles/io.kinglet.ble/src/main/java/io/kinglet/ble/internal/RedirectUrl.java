package io.kinglet.ble.internal;

import java.util.Optional;

/**
 * The URL sent back after provisioning, where the user goes next: a template with {@code {ip}} (the
 * address the Wi-Fi connection got, else the host name), {@code {hostname}} and {@code {port}} (the
 * HTTP port). Blank sends no URL, which the specification allows.
 */
record RedirectUrl(String template, String hostname, String port) {

    String expand(Optional<String> address) {
        return template.replace("{ip}", address.orElse(hostname))
                .replace("{hostname}", hostname)
                .replace("{port}", port);
    }
}
