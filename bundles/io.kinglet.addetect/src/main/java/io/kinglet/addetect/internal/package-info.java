package io.kinglet.addetect.internal;
