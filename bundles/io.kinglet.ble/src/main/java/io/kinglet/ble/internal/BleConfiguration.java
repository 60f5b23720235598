package io.kinglet.ble.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the BLE Wi-Fi provisioner (PID {@code io.kinglet.ble}). Without a configuration it
 * does not run: a laptop's own Bluetooth must not start advertising by surprise.
 */
@ObjectClassDefinition(
        name = "Kinglet BLE Wi-Fi provisioner",
        description = "Improv Wi-Fi over Bluetooth LE: BlueZ for the radio, NetworkManager for Wi-Fi, both on D-Bus")
public @interface BleConfiguration {

    @AttributeDefinition(
            name = "Device name",
            description = "The name the advertisement carries and device info reports, as a phone lists it")
    String deviceName() default "Kinglet";

    @AttributeDefinition(
            name = "Authorization",
            description = "presence: Wi-Fi settings are accepted only after physical presence is shown (the Sense HAT"
                    + " joystick's middle button, the presence button, an event on one of the authorization topics,"
                    + " or ble:authorize);"
                    + " none: always accepted",
            options = {@Option(value = "presence", label = "Physical presence"), @Option(value = "none", label = "None")
            })
    String authorization() default "presence";

    @AttributeDefinition(
            name = "Authorization timeout (s)",
            min = "5",
            max = "3600",
            description = "How long presence authorizes; then back to 'authorization required'")
    int authorizationSeconds() default 60;

    @AttributeDefinition(
            name = "Authorization topics",
            description = "Event Admin topics that count as physical presence (a button press)")
    String[] event_topics() default {"io/kinglet/sensehat/joystick/ENTER"};

    @AttributeDefinition(
            name = "Presence button",
            required = false,
            description = "A push button that authorizes: the name of its input device, e.g. button@11 for"
                    + " dtoverlay=gpio-key,gpio=17 (the kernel's gpio-keys driver); empty: none")
    String button() default "";

    @AttributeDefinition(
            name = "Presence button key",
            min = "1",
            max = "767",
            description = "The Linux key code the button sends (the gpio-key overlay's default is KEY_POWER, 116)")
    int buttonKey() default 116;

    @AttributeDefinition(
            name = "sysfs root",
            description = "Where the button's input device is looked up (class/input/eventN/device/name); the"
                    + " simulation's folder in the default profile")
    String sysfsRoot() default "/sys";

    @AttributeDefinition(name = "dev root", description = "Where input/eventN is read")
    String devRoot() default "/dev";

    @AttributeDefinition(
            name = "Redirect URL",
            required = false,
            description = "Sent to the phone after provisioning: {ip} is the address the device got on Wi-Fi (else the"
                    + " host name), {hostname} the host name, {port} the HTTP port; empty sends none")
    String redirectUrl() default "http://{ip}:{port}/health";

    @AttributeDefinition(name = "Adapter", description = "The BlueZ adapter's object path")
    String adapter() default "/org/bluez/hci0";

    @AttributeDefinition(
            name = "Wi-Fi interface",
            required = false,
            description = "The NetworkManager Wi-Fi device to configure, e.g. wlan0; empty: the first one")
    String wifiInterface() default "";

    @AttributeDefinition(
            name = "D-Bus address",
            required = false,
            description = "The bus BlueZ and NetworkManager are on, e.g. unix:path=/run/dbus/system_bus_socket; empty:"
                    + " the system bus")
    String dbusAddress() default "";

    @AttributeDefinition(
            name = "Connect timeout (s)",
            min = "5",
            max = "300",
            description = "How long NetworkManager may take to connect before the client is told it failed")
    int connectTimeoutSeconds() default 30;

    @AttributeDefinition(
            name = "Keep advertising",
            description = "Go on advertising once provisioned (normally the service stops advertising then)")
    boolean keepAdvertising() default false;

    @AttributeDefinition(
            name = "Writes per second",
            min = "1",
            max = "1000",
            description = "Writes one connection may make per second; more are refused (a long packet takes a few)")
    int writesPerSecond() default 20;
}
