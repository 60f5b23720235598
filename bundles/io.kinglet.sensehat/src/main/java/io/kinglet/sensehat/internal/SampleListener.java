package io.kinglet.sensehat.internal;

import java.util.Map;

/** Told of every sampling cycle's new readings, on the sampling thread: must not block. */
interface SampleListener {

    void sampled(Map<Quantity, SenseHat.Reading> readings);
}
