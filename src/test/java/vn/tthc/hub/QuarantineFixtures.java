package vn.tthc.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Province records the hub refuses, for tests outside this package (the browser tests). */
public final class QuarantineFixtures {
    private QuarantineFixtures() {
    }

    /** A unique, valid province record (as {@link WebhookIntakeTest#sample()} makes it). */
    public static ObjectNode sample() throws Exception {
        return WebhookIntakeTest.sample();
    }

    /** A record whose change time is {@code ahead} past any allowed clock skew (hub.clock-skew: 5 minutes): refused as {@code updatedAt [future]}. */
    public static ObjectNode aheadOfTime(Duration ahead) throws Exception {
        ObjectNode d = sample();
        d.put("updatedDate", OffsetDateTime.now(WebhookIntakeTest.VN).plusMinutes(5).plus(ahead).toString());
        return d;
    }
}
