package vn.tthc.hub.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.tthc.hub.sync.DeliveryState;
import vn.tthc.hub.sync.TargetLookup.Held;

/**
 * The comparison of one dossier's three views — what the source holds, what the hub recorded (head and latest delivery
 * per target), what each target holds — as a plain function: the differences, each with its category and target.
 */
public final class Comparison {
    private Comparison() {
    }

    /** The source's digest of the dossier (null: not in the source's listing for the window). */
    public record SourceView(long version, int status, String contentHash) {
    }

    /** The hub's head of the dossier (null: the hub never stored it). */
    public record HubView(long version, int status, String contentHash, String procedureCode, String agencyCode) {
    }

    /** The latest delivery of the dossier to one target, with the status of the version it carries. */
    public record DeliveryView(long id, String target, long version, int versionStatus, DeliveryState state, Instant updatedAt) {
    }

    /** One difference. */
    public record Finding(Category category, String target, DeliveryView delivery, Held held, String detail) {
    }

    /**
     * @param held       per target, what it holds (absent key: the target was not asked — no look-up, or it failed)
     * @param stuckAfter an open delivery untouched for longer than this is stuck; a younger one is in flight, not a difference
     */
    public static List<Finding> compare(SourceView source, HubView hub, List<DeliveryView> latest, Map<String, Held> held,
                                        Instant now, Duration stuckAfter) {
        List<Finding> out = new ArrayList<>();
        if (source != null) {
            if (hub == null) {
                out.add(new Finding(Category.MISSING_IN_HUB, null, null, null, "the hub has no version of this dossier"));
            } else if (source.version() > hub.version() && !source.contentHash().equals(hub.contentHash())) {
                out.add(new Finding(Category.MISSING_IN_HUB, null, null, null,
                        "source revision " + source.version() + " is newer than the hub's " + hub.version()));
            } else if (source.version() == hub.version() && !source.contentHash().equals(hub.contentHash())) {
                out.add(new Finding(Category.CONTENT_MISMATCH, null, null, null,
                        "source revision " + source.version() + " differs from the hub's copy of the same revision"));
            }
            // a newer revision with the same content is one the hub rightly took as unchanged; an older one is a stale listing
        }
        for (DeliveryView d : latest) {
            switch (d.state()) {
                case DEAD -> out.add(new Finding(Category.DEAD_LETTERED, d.target(), d, null, "delivery #" + d.id() + " is DEAD"));
                // closed by a person with a reason: not an error to report every night (the source's and the hub's
                // differences above are still reported)
                case DISCARDED -> {
                }
                case PENDING, FAILED -> {
                    if (d.updatedAt().isBefore(now.minus(stuckAfter))) {
                        out.add(new Finding(Category.STUCK, d.target(), d, null,
                                "delivery #" + d.id() + " " + d.state() + " untouched since " + d.updatedAt()));
                    }
                }
                case DELIVERED -> {
                    Held h = held.get(d.target());
                    if (h == null) {
                        break;
                    }
                    if (!h.present()) {
                        out.add(new Finding(Category.MISSING_AT_TARGET, d.target(), d, h, "v" + d.version() + " delivered, not held"));
                    } else if (h.status() == null || h.status() != d.versionStatus()) {
                        out.add(new Finding(Category.STATUS_MISMATCH, d.target(), d, h,
                                "status " + h.status() + " at the target, " + d.versionStatus() + " delivered"));
                    } else if (!h.sameContent()) {
                        out.add(new Finding(Category.CONTENT_MISMATCH, d.target(), d, h, "content differs from v" + d.version()));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }
}
