package io.kinglet.ble.internal;

import java.util.Optional;

/** A snapshot of the provisioner for health and {@code ble:status}. */
record BleStatus(
        ImprovState state,
        ImprovError error,
        String authorizedBy,
        String adapter,
        BluezLink.Status bluez,
        Optional<Boolean> adapterPowered,
        Optional<String> networkManagerProblem,
        /** Empty when no presence button is configured. */
        Optional<PresenceButton.Status> button,
        int connections,
        BleStats stats) {}
