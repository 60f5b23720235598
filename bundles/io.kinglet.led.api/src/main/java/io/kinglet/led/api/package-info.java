/**
 * The LED animator's animation contract. An {@link io.kinglet.led.api.Animation} is a service
 * (whiteboard) named by its {@value io.kinglet.led.api.Animation#NAME} property; a bundle that
 * registers one adds an animation to {@code led:list} and {@code led:play}, and an OTA update of that
 * bundle swaps it while the frame loop keeps running. Each frame the animator hands the playing
 * {@link io.kinglet.led.api.Playback} a {@link io.kinglet.led.api.Canvas} to draw into. The animator
 * itself is the {@link io.kinglet.led.api.Animator} service (1.1): list, play, stop and the frame now.
 */
@Export
@Version("1.1.0")
package io.kinglet.led.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
