/** Forwards OSGi Log Service entries to SLF4J so the console and the journal see one format. */
package io.kinglet.logging.internal;
