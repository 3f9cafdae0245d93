package vn.tthc.hub.sync;

/** A source the hub pulls incrementally (behind a watermark) so that missed pushes are caught. */
public interface PullSource {
    /** The source id, as in configuration and routes (e.g. {@code province}). */
    String id();

    /** Pulls everything changed since the watermark, stores it, advances the watermark; returns records seen. */
    int pullOnce();
}
