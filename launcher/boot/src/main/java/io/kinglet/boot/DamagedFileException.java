package io.kinglet.boot;

import java.io.IOException;
import java.nio.file.Path;

/** A state file whose content cannot be trusted (see {@link CheckedFiles}): the message names the file and why. */
public class DamagedFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public DamagedFileException(Path file, String why) {
        super(file + " is damaged: " + why);
        this.file = file;
    }

    public DamagedFileException(Path file, String why, Throwable cause) {
        super(file + " is damaged: " + why, cause);
        this.file = file;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }
}
