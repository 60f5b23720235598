package io.kinglet.led.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which reaction shows: priority, then the latest; ends by key; expiry. */
class ReactionStackTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Selection play(String name, String... parameters) {
        return Selection.of(name, List.of(parameters));
    }

    private static String top(ReactionStack stack, Instant now) {
        return stack.top(now).map(a -> a.describe() + " " + a.selection()).orElse("none");
    }

    @Test
    void theHighestPriorityShowsAndTheLatestAmongEquals() {
        ReactionStack stack = new ReactionStack();
        stack.start("ota", "d1", play("status", "state=busy"), 50, Optional.empty());
        stack.start("alert", "too hot", play("status", "state=warn"), 80, Optional.empty());
        stack.start("ota", "d2", play("status", "state=busy"), 50, Optional.empty());
        assertEquals("reaction 'alert' (too hot) status state=warn", top(stack, T0));

        stack.end("alert", "too hot");
        assertEquals("reaction 'ota' (d2) status state=busy", top(stack, T0));
    }

    @Test
    void anEndEndsOnlyTheInstanceWithItsKey() {
        ReactionStack stack = new ReactionStack();
        stack.start("alert", "too hot", play("status", "state=warn"), 80, Optional.empty());
        stack.start("alert", "too humid", play("status", "state=warn"), 80, Optional.empty());

        assertEquals(true, stack.end("alert", "too hot"));
        assertEquals(false, stack.end("alert", "too hot"));
        assertEquals("reaction 'alert' (too humid) status state=warn", top(stack, T0));
        stack.endAll("alert");
        assertEquals("none", top(stack, T0));
    }

    @Test
    void aTimedReactionExpiresAndTheNextExpiryIsKnown() {
        ReactionStack stack = new ReactionStack();
        stack.start("idle", "", play("rainbow"), 10, Optional.empty());
        stack.start("committed", "d1", play("solid", "color=00ff00"), 60, Optional.of(T0.plusSeconds(3)));
        assertEquals(Optional.of(T0.plusSeconds(3)), stack.nextExpiry());
        assertEquals("reaction 'committed' (d1) solid color=00ff00", top(stack, T0.plusSeconds(2)));
        assertEquals("reaction 'idle' rainbow", top(stack, T0.plusSeconds(3)));
        assertEquals(Optional.empty(), stack.nextExpiry());
    }

    @Test
    void startingAgainRestartsTheInstanceWithItsNewExpiry() {
        ReactionStack stack = new ReactionStack();
        stack.start("flash", "", play("solid"), 60, Optional.of(T0.plusSeconds(1)));
        stack.start("flash", "", play("solid"), 60, Optional.of(T0.plusSeconds(5)));
        assertEquals(1, stack.all().size());
        assertEquals("reaction 'flash' solid", top(stack, T0.plusSeconds(2)));
    }
}
