/** The local shell socket and the runtime's own shell commands. */
package io.kinglet.shell.internal;
