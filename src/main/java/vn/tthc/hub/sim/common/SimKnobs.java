package vn.tthc.hub.sim.common;

import java.util.Map;

/** A simulator's set of knobs: read as a snapshot, changed all or nothing, reset to defaults. */
public interface SimKnobs {
    /** The current value of every knob, by name. */
    Map<String, Object> snapshot();

    /** Applies the changes all or nothing; an unknown key or a bad value throws IllegalArgumentException naming it. */
    void update(Map<String, Object> changes);

    /** Back to the defaults. */
    void reset();
}
