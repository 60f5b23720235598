package io.kinglet.e2e;

import java.io.IOException;
import java.util.List;

/**
 * The bundle events the recorder fixture ({@code io.kinglet.e2e.recorder}) saw, read from
 * {@code GET /e2e/bundle-events}: an update proves it restarted nothing else by the events of the
 * other bundles between two marks, which a before/after {@code lb} could not see.
 */
final class BundleEvents {

    /** One event: its sequence number, type (STARTED, STOPPING, ...), bundle and version. */
    record Event(int sequence, String type, String symbolicName, String version) {
        @Override
        public String toString() {
            return type + " " + symbolicName + " " + version;
        }
    }

    private final KingletProcess kinglet;

    BundleEvents(KingletProcess kinglet) {
        this.kinglet = kinglet;
    }

    /** The sequence number of the last event so far. */
    int mark() throws IOException {
        List<Event> all = since(0);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).sequence();
    }

    /** Every event after {@code mark}, in order. */
    List<Event> since(int mark) throws IOException {
        var response = kinglet.get("/e2e/bundle-events?since=" + mark);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the recorder answered " + response.statusCode() + ": is it installed?");
        }
        return response.body()
                .lines()
                .map(line -> line.split(" "))
                .map(f -> new Event(Integer.parseInt(f[0]), f[1], f[2], f[3]))
                .toList();
    }
}
