package vn.tthc.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Province dossiers for the console's tests (the webhook sample with a code of the test's choosing). */
public final class DossierSamples {
    private DossierSamples() {
    }

    /** The province sample (revision 3, status "in processing") with the given national code. */
    public static ObjectNode sample(String code) {
        try {
            ObjectNode d = WebhookIntakeTest.sample();
            d.put("nationCode", code);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next revision of a sample: a new summary and one more progress step (still in processing), so that every
     * target (EMC follows the steps) gets a delivery of it; the revision counted up, five minutes later.
     */
    public static ObjectNode nextRevision(ObjectNode d, String summary) {
        ObjectNode next = d.deepCopy();
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse(d.path("updatedDate").asText()).plusMinutes(5);
        next.put("revision", d.path("revision").asInt() + 1);
        next.put("summary", summary);
        next.put("updatedDate", at.toString());
        ObjectNode step = ((com.fasterxml.jackson.databind.node.ArrayNode) next.get("processes")).addObject();
        step.put("time", at.toString());
        step.putObject("assignee").put("fullname", "Lê Thị Hoa").put("position", "Trưởng phòng");
        step.put("department", "Phòng Quản lý khoa học");
        step.put("content", "Thẩm định hồ sơ, bước " + next.get("processes").size());
        step.put("statusId", "3");
        step.put("startDate", at.toString());
        step.putNull("dueDate");
        return next;
    }
}
