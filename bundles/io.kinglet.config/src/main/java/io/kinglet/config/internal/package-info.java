/** Reading, validating and applying the configuration files dropped into the config folder. */
package io.kinglet.config.internal;
