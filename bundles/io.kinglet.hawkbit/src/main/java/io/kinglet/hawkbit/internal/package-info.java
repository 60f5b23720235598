package io.kinglet.hawkbit.internal;
