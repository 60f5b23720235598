package io.kinglet.config.internal;

import java.io.File;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;

/**
 * Which dropped files are currently refused, and why; and whether the files present at start-up
 * have all been read yet. Shared by the installer, the health check and the shell commands.
 */
@Component(service = ConfigFileStatus.class)
public class ConfigFileStatus {

    private final Map<String, String> refused = new TreeMap<>();
    private final Set<File> notYetRead = new HashSet<>();

    /** The files FileInstall will offer in its first pass: until each is read, start-up is not over. */
    synchronized void expect(Set<File> files) {
        notYetRead.addAll(files);
    }

    synchronized void read(File file) {
        notYetRead.remove(file);
    }

    synchronized void refused(File file, String reason) {
        read(file);
        refused.put(file.getName(), reason);
    }

    synchronized void accepted(File file) {
        read(file);
        refused.remove(file.getName());
    }

    /** File name to the reason it was refused, sorted by file name. */
    synchronized Map<String, String> refusedFiles() {
        return new TreeMap<>(refused);
    }

    /** How many files present at start-up are still to be read (a file deleted meanwhile no longer counts). */
    synchronized int waitingForFirstRead() {
        notYetRead.removeIf(file -> !file.isFile());
        return notYetRead.size();
    }
}
