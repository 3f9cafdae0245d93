package vn.tthc.hub.console;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One partner's entry in the partners overview: a target with its deliveries by state, or a pulled source. */
public sealed interface PartnerView {

    /** A target: the deliveries made to it, by state. */
    record Target(@JsonUnwrapped StateCounts deliveries) implements PartnerView {
    }

    /**
     * A pulled source that is not also a target (the coordination system): the deliveries its versions
     * produced, by state, and its watermark ({@code null} before its first pull).
     */
    record Source(@JsonUnwrapped StateCounts deliveries, String role, String watermark) implements PartnerView {
        public Source(StateCounts deliveries, String watermark) {
            this(deliveries, "source", watermark);
        }
    }
}
