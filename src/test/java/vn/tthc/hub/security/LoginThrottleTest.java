package vn.tthc.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.ManualClock;

class LoginThrottleTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(clock, Duration.ofMinutes(15), 5, 5);

    @Test
    void fiveFailuresForAUserRefuseTheSixthAttemptForTheRestOfTheWindow() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("lan", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.refused("lan", "10.0.0.9")).isFalse();
        throttle.failed("lan", "10.0.0.4"); // the fifth, at 08:04
        assertThat(throttle.refused("lan", "10.0.0.9")).isTrue();
        assertThat(throttle.refused("LAN ", "10.0.0.9")).as("user names compare case-insensitively").isTrue();
        assertThat(throttle.refused("minh", "10.0.0.9")).as("another user from another address").isFalse();
        // the first failure (08:00) leaves the window at 08:15: from then four remain, below the limit
        assertThat(throttle.retryAfter("lan", "10.0.0.9")).isEqualTo(Duration.ofMinutes(11));
        clock.advance(Duration.ofMinutes(11).minusSeconds(1));
        assertThat(throttle.refused("lan", "10.0.0.9")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.refused("lan", "10.0.0.9")).isFalse();
        assertThat(throttle.retryAfter("lan", "10.0.0.9")).isEqualTo(Duration.ZERO);
    }

    @Test
    void fiveFailuresFromOneAddressRefuseEveryUserFromIt() {
        for (String user : new String[] {"a", "b", "c", "d", "e"}) {
            throttle.failed(user, "192.0.2.7");
        }
        assertThat(throttle.refused("admin", "192.0.2.7")).isTrue();
        assertThat(throttle.refused("admin", "192.0.2.8")).isFalse();
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.refused("admin", "192.0.2.7")).isFalse();
    }

    @Test
    void aSuccessClearsTheUsersFailuresButNotTheAddresses() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("lan", "192.0.2.1");
        }
        throttle.succeeded("lan");
        throttle.failed("lan", "192.0.2.2");
        assertThat(throttle.refused("lan", "192.0.2.3")).isFalse();
        throttle.failed("other", "192.0.2.1");
        assertThat(throttle.refused("x", "192.0.2.1")).as("the address keeps its five failures").isTrue();
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("lan", null);
            clock.advance(Duration.ofMinutes(4));
        }
        // at any time at most four failures lie within 15 minutes
        assertThat(throttle.refused("lan", null)).isFalse();
    }

    @Test
    void refusesNonsensicalSettings() {
        assertThatThrownBy(() -> new LoginThrottle(clock, Duration.ZERO, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(clock, Duration.ofMinutes(1), 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
