package io.kinglet.addetect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder's failures, with stand-ins for ffmpeg that fail as it does (no media needed). */
class FfmpegDecoderTest {

    @TempDir
    Path work;

    private static long audioReaders() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("kinglet-addetect-audio") && t.isAlive())
                .count();
    }

    @Test
    void ffmpegFailingBeforeItOpensTheAudioPipeLeavesNoReaderBehind() throws IOException {
        // what ffmpeg does when the capture device is unplugged: a message and exit 1, no output opened
        Path ffmpeg = work.resolve("ffmpeg");
        Files.writeString(ffmpeg, "#!/bin/sh\necho '/dev/video0: No such file or directory' >&2\nexit 1\n");
        assertThat(ffmpeg.toFile().setExecutable(true)).isTrue();
        FfmpegDecoder decoder =
                new FfmpegDecoder(ffmpeg.toString(), List.of("-i", "/dev/video0"), "0:a:0", false, work);

        for (int run = 0; run < 3; run++) {
            assertThatThrownBy(() -> decoder.run(p -> {}, (seconds, grey, audio, count) -> {}))
                    .isInstanceOf(IOException.class)
                    .hasMessage("ffmpeg exited with 1 after 0 s: /dev/video0: No such file or directory");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> audioReaders() == 0);
        try (var left = Files.list(work)) {
            assertThat(left).containsExactly(ffmpeg);
        }
    }

    @Test
    void aMissingExecutableIsNamedWithHowToInstallIt() {
        FfmpegDecoder decoder = new FfmpegDecoder(
                work.resolve("no-ffmpeg").toString(), List.of("-i", "feed.mp4"), "0:a:0", false, work);

        assertThatThrownBy(() -> decoder.run(p -> {}, (seconds, grey, audio, count) -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot run " + work.resolve("no-ffmpeg"))
                .hasMessageContaining("apt-get install ffmpeg");
    }
}
