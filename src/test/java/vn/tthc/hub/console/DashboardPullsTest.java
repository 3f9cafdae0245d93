package vn.tthc.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The next pull computed from a cron when its trigger is not scheduled yet: in the trigger's zone. */
class DashboardPullsTest {

    @Test
    void theNextRunOfACronIsInItsZone() {
        TimeZone vn = TimeZone.getTimeZone("Asia/Ho_Chi_Minh");
        // 01:00 in Vietnam is 18:00 UTC the day before
        assertThat(DashboardPulls.nextOf("0 0 1 * * ?", vn, Instant.parse("2026-12-03T17:59:00Z"))).isEqualTo(Instant.parse("2026-12-03T18:00:00Z"));
        assertThat(DashboardPulls.nextOf("0 0 1 * * ?", TimeZone.getTimeZone("UTC"), Instant.parse("2026-12-03T17:59:00Z")))
                .isEqualTo(Instant.parse("2026-12-04T01:00:00Z"));
        assertThat(DashboardPulls.nextOf("0/30 * * * * ?", vn, Instant.parse("2026-12-03T17:59:10Z"))).isEqualTo(Instant.parse("2026-12-03T17:59:30Z"));
        assertThat(DashboardPulls.nextOf("not a cron", vn, Instant.now())).isNull();
    }

    @Test
    void windowsHaveTheirBucketsAndAnUnknownOneIsABadRequest() {
        assertThat(DashboardService.Window.of("hour").buckets()).isEqualTo(60);
        assertThat(DashboardService.Window.of("DAY").buckets()).isEqualTo(48);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DashboardService.Window.of("week")).isInstanceOf(ApiProblem.class);
    }
}
