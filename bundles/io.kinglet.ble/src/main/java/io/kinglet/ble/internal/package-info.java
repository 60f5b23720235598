package io.kinglet.ble.internal;
