package vn.tthc.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The webhook tests' sample dossier (a fresh code each call) for tests outside this package, e.g. the browser tests. */
public final class WebhookIntakeTestAccess {
    private WebhookIntakeTestAccess() {
    }

    public static ObjectNode sample() throws Exception {
        return WebhookIntakeTest.sample();
    }
}
