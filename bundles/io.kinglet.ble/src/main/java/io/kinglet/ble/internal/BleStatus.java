package io.kinglet.ble.internal;

import java.util.Optional;

/** A snapshot of the provisioner for health and {@code ble:status}. */
record BleStatus(
        ImprovState state,
        ImprovError error,
        String authorizedBy,
        String adapter,
        /** Why there is no D-Bus connection, while there is none (then there is no BlueZ status either). */
        Optional<String> busProblem,
        Optional<BluezLink.Status> bluez,
        Optional<Boolean> adapterPowered,
        Optional<String> networkManagerProblem,
        /** Empty when no presence button is configured. */
        Optional<PresenceButton.Status> button,
        int connections,
        BleStats stats) {}
