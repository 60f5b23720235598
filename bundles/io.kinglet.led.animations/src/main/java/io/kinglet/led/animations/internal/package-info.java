/**
 * The LED animator's built-in animations (solid, rainbow, pulse, text, progress, status), each an
 * {@link io.kinglet.led.api.Animation} service. Private: they reach the animator through the service
 * registry only, so this bundle can be updated without refreshing anyone.
 */
package io.kinglet.led.animations.internal;
