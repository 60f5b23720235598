package io.kinglet.watchdog.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Is the framework's event dispatch moving? An event posted to Event Admin (which also delivers the
 * framework's own bundle and service events to handlers) must come back to this handler in time. A
 * handler that blocks the dispatch thread stops it, and with it the pets.
 */
@Component(
        service = {EventProbe.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + EventProbe.TOPIC)
public class EventProbe implements EventHandler {

    static final String TOPIC = "io/kinglet/watchdog/PROBE";

    private final EventAdmin events;
    private final AtomicReference<CountDownLatch> awaited = new AtomicReference<>();

    @Activate
    public EventProbe(@Reference EventAdmin events) {
        this.events = events;
    }

    /** Posts a probe and waits for it; false when it has not arrived within {@code timeout}. */
    boolean roundTrip(Duration timeout) throws InterruptedException {
        CountDownLatch arrived = new CountDownLatch(1);
        awaited.set(arrived);
        events.postEvent(new Event(TOPIC, Map.of("sent", System.nanoTime())));
        return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handleEvent(Event event) {
        CountDownLatch latch = awaited.get();
        if (latch != null) {
            latch.countDown();
        }
    }
}
