package io.kinglet.ota.api;

/** A submission that left no deployment behind; the message says why. */
public class SubmissionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean busy;

    public SubmissionException(String message, boolean busy) {
        super(message);
        this.busy = busy;
    }

    /** True when another deployment is under way: the same submission may succeed once it has ended. */
    public boolean busy() {
        return busy;
    }
}
