package io.kinglet.console.internal;
