package io.kinglet.addetect.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decodes a source with an {@code ffmpeg} child process: small grey frames at {@value #FPS} a second on
 * its standard output, mono 16-bit PCM at {@value #RATE} Hz into a named pipe, read on a thread of its
 * own so that neither output can stall the other. Each frame is handed over with the audio of the same
 * tenth of a second.
 */
final class FfmpegDecoder {

    static final int WIDTH = 128;
    static final int HEIGHT = 72;
    static final int FPS = 10;
    static final int RATE = 8000;
    static final int SAMPLES = RATE / FPS;

    /** Gets each frame with its audio ({@code count} samples; 0 when the audio has ended). */
    interface Frames {
        void frame(double seconds, byte[] grey, short[] audio, int count) throws IOException;
    }

    private final String ffmpeg;
    private final List<String> input;
    private final String audioStream;
    private final boolean realtime;
    private final Path work;

    /**
     * @param input ffmpeg's input arguments, e.g. {@code -i clip.mp4}
     * @param audioStream which input's audio, e.g. {@code 0:a:0}
     * @param realtime read a file at its own pace ({@code -re}), as a live feed arrives
     * @param work a folder for the audio pipe
     */
    FfmpegDecoder(String ffmpeg, List<String> input, String audioStream, boolean realtime, Path work) {
        this.ffmpeg = ffmpeg;
        this.input = input;
        this.audioStream = audioStream;
        this.realtime = realtime;
        this.work = work;
    }

    List<String> command(Path audioPipe) {
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error"));
        if (realtime) {
            command.add("-re");
        }
        command.addAll(input);
        command.addAll(List.of(
                "-map",
                "0:v:0",
                "-vf",
                "fps=" + FPS + ",scale=" + WIDTH + ":" + HEIGHT + ":flags=area,format=gray",
                "-f",
                "rawvideo",
                "pipe:1",
                "-map",
                "0:a:0",
                "-ac",
                "1",
                "-ar",
                Integer.toString(RATE),
                "-f",
                "s16le",
                "-y",
                audioPipe.toString()));
        return command;
    }

    /**
     * Runs ffmpeg to the end of the source, or until {@code process} is destroyed.
     *
     * @param started gets the process as soon as it runs (to be stopped from elsewhere)
     * @return seconds decoded
     * @throws IOException when ffmpeg cannot start or fails; the message ends with what it printed
     */
    double run(java.util.function.Consumer<Process> started, Frames frames) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path pipe = Files.createTempFile(work, "audio", ".pcm");
        Files.delete(pipe);
        mkfifo(pipe);
        Path log = Files.createTempFile(work, "ffmpeg", ".log");
        Process process;
        try {
            process = new ProcessBuilder(command(pipe))
                    .redirectError(log.toFile())
                    .start();
        } catch (IOException e) {
            Files.deleteIfExists(pipe);
            Files.deleteIfExists(log);
            throw new IOException(
                    "cannot run " + ffmpeg + " (" + e.getMessage() + "): install ffmpeg"
                            + " (Debian: apt-get install ffmpeg) or set ffmpeg in the configuration",
                    e);
        }
        started.accept(process);
        AudioReader audio = new AudioReader(pipe);
        audio.start();
        byte[] grey = new byte[WIDTH * HEIGHT];
        short[] none = new short[0];
        int index = 0;
        try (DataInputStream video = new DataInputStream(process.getInputStream())) {
            while (true) {
                try {
                    video.readFully(grey);
                } catch (EOFException e) {
                    break;
                }
                short[] samples = audio.next();
                frames.frame(
                        (double) index / FPS,
                        grey,
                        samples == null ? none : samples,
                        samples == null ? 0 : samples.length);
                index++;
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException("ffmpeg exited with " + exit + " after " + index / FPS + " s: " + tail(log));
            }
            return (double) index / FPS;
        } finally {
            process.destroyForcibly();
            audio.release();
            audio.interrupt();
            Files.deleteIfExists(pipe);
            Files.deleteIfExists(log);
        }
    }

    private static void mkfifo(Path pipe) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", pipe.toString())
                .redirectErrorStream(true)
                .start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("cannot make the audio pipe " + pipe + ": "
                    + new String(mkfifo.getInputStream().readAllBytes()).strip());
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty()
                    ? "(it printed nothing)"
                    : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(its output is unreadable: " + e.getMessage() + ")";
        }
    }

    /** Reads the audio pipe into tenth-of-a-second chunks, ahead of the frames that take them. */
    private static final class AudioReader extends Thread {
        private static final short[] END = new short[0];
        private final Path pipe;
        /** A minute ahead of the frames at most; ffmpeg then waits, as it does on a full pipe. */
        private final BlockingQueue<short[]> chunks = new ArrayBlockingQueue<>(600);

        private volatile boolean ended;

        AudioReader(Path pipe) {
            super("kinglet-addetect-audio");
            setDaemon(true);
            this.pipe = pipe;
        }

        @Override
        public void run() {
            byte[] bytes = new byte[SAMPLES * 2];
            try (InputStream in = Files.newInputStream(pipe);
                    DataInputStream data = new DataInputStream(in)) {
                while (true) {
                    data.readFully(bytes);
                    short[] chunk = new short[SAMPLES];
                    ByteBuffer.wrap(bytes)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .asShortBuffer()
                            .get(chunk);
                    chunks.put(chunk);
                }
            } catch (IOException | InterruptedException e) {
                // the end of the audio (or of the run): frames go on without it
            } finally {
                ended = true;
                chunks.offer(END);
            }
        }

        /**
         * Ends a reader still waiting for a writer: ffmpeg failing before it opened the pipe leaves it
         * blocked in open, which no interrupt reaches. Opening the pipe read-write never blocks and is
         * a writer; closing it is the end of the audio.
         */
        void release() {
            if (isAlive()) {
                try (FileChannel unblock = FileChannel.open(pipe, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    // opened and closed: that is all it takes
                } catch (IOException e) {
                    // the pipe is gone, so nothing can be waiting on it
                }
            }
        }

        /** The next chunk, or null once the audio has ended. */
        short[] next() throws InterruptedException {
            if (ended && chunks.isEmpty()) {
                return null;
            }
            short[] chunk = chunks.poll(2, TimeUnit.SECONDS);
            if (chunk == END) {
                chunks.offer(END);
                return null;
            }
            return chunk;
        }
    }
}
