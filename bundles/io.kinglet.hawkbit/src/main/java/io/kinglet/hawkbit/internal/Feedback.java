package io.kinglet.hawkbit.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Arrays;

/**
 * Feedback as DDI defines it, one JSON document per step, with where it goes (relative to the
 * controller's base resource, so it survives a restart unchanged):
 * {@code {"status": {"execution": ..., "result": {"finished": ..., "progress": ...}, "details": [...]}}}.
 */
record Feedback(String path, String json) {

    /** What happened to the action: still under way, or finished one way or the other. */
    enum Outcome {
        PROCEEDING("proceeding", "none"),
        DOWNLOADED("downloaded", "none"),
        SUCCESS("closed", "success"),
        FAILURE("closed", "failure"),
        REJECTED("rejected", "none");

        final String execution;
        final String finished;

        Outcome(String execution, String finished) {
            this.execution = execution;
            this.finished = finished;
        }
    }

    static Feedback deployment(JsonProvider json, String actionId, Outcome outcome, String... details) {
        return new Feedback("deploymentBase/" + actionId + "/feedback", body(json, outcome, null, details));
    }

    /** Progress while downloading: {@code cnt} of {@code of} artifacts done. */
    static Feedback progress(JsonProvider json, String actionId, int cnt, int of, String detail) {
        return new Feedback(
                "deploymentBase/" + actionId + "/feedback",
                body(json, Outcome.PROCEEDING, new int[] {cnt, of}, detail));
    }

    static Feedback cancel(JsonProvider json, String actionId, Outcome outcome, String... details) {
        return new Feedback("cancelAction/" + actionId + "/feedback", body(json, outcome, null, details));
    }

    private static String body(JsonProvider json, Outcome outcome, int[] progress, String... details) {
        JsonObjectBuilder result = json.createObjectBuilder().add("finished", outcome.finished);
        if (progress != null) {
            result.add(
                    "progress",
                    json.createObjectBuilder().add("cnt", progress[0]).add("of", progress[1]));
        }
        JsonArrayBuilder lines = json.createArrayBuilder();
        Arrays.stream(details).forEach(lines::add);
        return json.createObjectBuilder()
                .add(
                        "status",
                        json.createObjectBuilder()
                                .add("execution", outcome.execution)
                                .add("result", result)
                                .add("details", lines))
                .build()
                .toString();
    }
}
