package vn.tthc.hub.partner.ministry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** A pulled record's update time moves the watermark only when it is a real yyyyMMddHHmmss time. */
class NdxpFeedTimeTest {
    @Test
    void validTimesAreRead() {
        assertThat(NdxpFeed.time14("20261123143005")).isEqualTo(LocalDateTime.of(2026, 11, 23, 14, 30, 5));
    }

    @Test
    void impossibleOrMalformedTimesAreIgnoredInsteadOfStoppingThePull() {
        assertThat(NdxpFeed.time14("20261302080000")).isNull();
        assertThat(NdxpFeed.time14("2026112314300X")).isNull();
        assertThat(NdxpFeed.time14("2026-11-23")).isNull();
        assertThat(NdxpFeed.time14("")).isNull();
        assertThat(NdxpFeed.time14(null)).isNull();
    }
}
