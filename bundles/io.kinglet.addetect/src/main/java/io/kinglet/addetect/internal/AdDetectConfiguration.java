package io.kinglet.addetect.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the ad-break detector (PID {@code io.kinglet.addetect}); off without one. */
@ObjectClassDefinition(
        name = "Kinglet ad-break detector",
        description = "Watches a TV feed decoded by ffmpeg and reports when ad breaks start and end")
public @interface AdDetectConfiguration {

    @AttributeDefinition(
            name = "Source kind",
            description = "v4l2: an HDMI capture device with ALSA audio; url: any stream ffmpeg opens; file: a"
                    + " recording",
            options = {
                @Option(value = "v4l2", label = "Capture device"),
                @Option(value = "url", label = "Network stream"),
                @Option(value = "file", label = "File")
            })
    String kind() default "v4l2";

    @AttributeDefinition(
            name = "Source",
            description = "The capture device (e.g. /dev/video0), the stream's URL, or the file's path")
    String source();

    @AttributeDefinition(
            name = "Audio device",
            required = false,
            description = "For a capture device: the ALSA device of its audio, e.g. hw:1,0")
    String audioDevice() default "hw:1,0";

    @AttributeDefinition(
            name = "Real time",
            description = "Read a file at its own pace, as a live feed arrives (and start it again at its end)")
    boolean realtime() default true;

    @AttributeDefinition(name = "ffmpeg", description = "The ffmpeg executable: a name on the PATH or a path")
    String ffmpeg() default "ffmpeg";

    @AttributeDefinition(
            name = "Black level",
            min = "0",
            max = "255",
            description = "A frame at most this bright on average (0..255) can be black")
    int blackLuma() default 24;

    @AttributeDefinition(
            name = "Silence level (dBFS)",
            min = "-96",
            max = "0",
            description = "Audio this quiet is silence")
    int silenceDbfs() default -50;

    @AttributeDefinition(
            name = "Logo gone (s)",
            min = "1",
            max = "60",
            description = "How long the station logo must be gone before a break starts")
    int logoAbsentSeconds() default 4;

    @AttributeDefinition(
            name = "Minimum break (s)",
            min = "0",
            max = "3600",
            description = "Shorter breaks are not reported in ad:status history or scans")
    int minBreakSeconds() default 20;

    @AttributeDefinition(
            name = "Stall (s)",
            min = "2",
            max = "600",
            description = "ffmpeg delivering no frame for this long is stopped and started again")
    int stallSeconds() default 10;

    @AttributeDefinition(
            name = "Command at a break's start",
            required = false,
            description = "Run with sh -c when a break starts (e.g. mute the TV: echo 'tx 10:36' | cec-client -s);"
                    + " the break is in KINGLET_BREAK_EVENT, _START, _END, _CONFIDENCE and _SOURCE")
    String onStartCommand() default "";

    @AttributeDefinition(
            name = "Command at a break's end",
            required = false,
            description = "Run with sh -c when a break ends, as the start command")
    String onEndCommand() default "";

    @AttributeDefinition(
            name = "URL at a break's start",
            required = false,
            description = "Requested when a break starts (e.g. an IR bridge or a home automation webhook), with the"
                    + " break as JSON; only its host is logged")
    String onStartUrl() default "";

    @AttributeDefinition(
            name = "URL at a break's end",
            required = false,
            description = "Requested when a break ends, as the start URL")
    String onEndUrl() default "";

    @AttributeDefinition(
            name = "HTTP method",
            options = {@Option(value = "POST"), @Option(value = "PUT"), @Option(value = "GET")},
            description = "POST and PUT send the break as JSON; GET sends nothing")
    String httpMethod() default "POST";

    @AttributeDefinition(
            name = "HTTP authorization",
            type = AttributeType.PASSWORD,
            required = false,
            description = "Sent as the Authorization header (e.g. Bearer <token>); never logged")
    String httpAuthorization() default "";

    @AttributeDefinition(
            name = "Action timeout (s)",
            min = "1",
            max = "120",
            description = "A command still running after this is killed; a request not answered fails")
    int actionTimeoutSeconds() default 5;
}
