package vn.tthc.hub.console;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One partner's entry in the partners overview: a target with its deliveries by state, or a pulled source. */
public sealed interface PartnerView {

    /** A target: the deliveries made to it, by state, and its circuit in this instance ({@code closed|open|half-open}). */
    record Target(@JsonUnwrapped StateCounts deliveries, String circuit) implements PartnerView {
        public Target(StateCounts deliveries) {
            this(deliveries, "closed");
        }
    }

    /**
     * A pulled source that is not also a target (the coordination system): the deliveries its versions
     * produced, by state, and its watermark ({@code null} before its first pull).
     */
    record Source(@JsonUnwrapped StateCounts deliveries, String role, String watermark, String circuit) implements PartnerView {
        public Source(StateCounts deliveries, String watermark) {
            // nothing is delivered to a source: its circuit never opens (a failed pull is retried by the next run)
            this(deliveries, "source", watermark, "closed");
        }
    }
}
