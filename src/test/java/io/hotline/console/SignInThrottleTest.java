package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.MutableClock;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.hotline.users.SignInOutcome;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sign-in throttle per login and client address")
class SignInThrottleTest {
    private static final SignInOutcome WRONG = new SignInOutcome.Rejected();

    @Test
    @DisplayName(
            "after five wrong passwords the pair waits 30 s, then twice as long after each further wrong one, up to 15 min")
    void growingWaits() {
        MutableClock clock = MutableClock.now();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 1; i < SignInThrottle.FREE_FAILURES; i++) {
            assertThat(t.attempt("alice", "10.0.0.1", () -> WRONG).waitFor()).isZero();
        }
        Duration expected = Duration.ofSeconds(30);
        for (int i = 0; i < 8; i++) {
            var r = t.attempt("alice", "10.0.0.1", () -> WRONG);
            assertThat(r.checked()).isTrue();
            assertThat(r.waitFor()).isEqualTo(expected);
            var early = t.attempt("alice", "10.0.0.1", () -> {
                throw new AssertionError("no password is checked while the pair waits");
            });
            assertThat(early.checked()).isFalse();
            clock.advance(r.waitFor());
            expected = expected.multipliedBy(2).compareTo(Duration.ofMinutes(15)) > 0
                    ? Duration.ofMinutes(15)
                    : expected.multipliedBy(2);
        }
        assertThat(t.attempt("alice", "10.0.0.1", () -> WRONG).waitFor()).isEqualTo(Duration.ofMinutes(15));
        assertThat(t.attempt("alice", "10.0.0.2", () -> WRONG).waitFor())
                .as("another address is not slowed")
                .isZero();
        assertThat(t.attempt("ALICE ", "10.0.0.1", () -> WRONG).checked())
                .as("the login as typed is the same login")
                .isFalse();
    }

    @Test
    @DisplayName("a right password clears the pair; wrong ones are forgotten after an hour")
    void clearing() {
        MutableClock clock = MutableClock.now();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 1; i < SignInThrottle.FREE_FAILURES; i++) {
            t.attempt("bob", "10.0.0.1", () -> WRONG);
        }
        var user = new ConsoleUser(1, "bob", "Bob", Role.AGENT, null, java.util.List.of());
        t.attempt("bob", "10.0.0.1", () -> new SignInOutcome.Accepted(user));
        assertThat(t.attempt("bob", "10.0.0.1", () -> WRONG).waitFor())
                .as("counting starts again")
                .isZero();
        for (int i = 2; i < SignInThrottle.FREE_FAILURES; i++) {
            t.attempt("bob", "10.0.0.1", () -> WRONG);
        }
        clock.advance(SignInThrottle.FORGET);
        assertThat(t.attempt("bob", "10.0.0.1", () -> WRONG).waitFor())
                .as("an hour later")
                .isZero();
    }
}
