package vn.tthc.hub.sim.province;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import vn.tthc.hub.dossier.Status;

/** Applies one status transition to a province dossier record: status, the dates it implies, results and a process entry. */
final class DossierSteps {

    private DossierSteps() {
    }

    /**
     * The business time of the next step: the planned gap after the previous step, but never later
     * than now (back-dated dossiers play their plan out up to the present), and at least a second
     * after the previous step: a real system never records two steps of one dossier in the same
     * second, and the portal cannot tell two identical steps apart.
     */
    static Instant stepTime(Instant previous, long gapMinutes, Instant now) {
        Instant planned = previous.plusSeconds(gapMinutes * 60);
        Instant t = ProvinceDates.wholeSeconds(planned.isBefore(now) ? planned : now);
        return t.isAfter(previous) ? t : ProvinceDates.wholeSeconds(previous).plusSeconds(1);
    }

    /** Applies a planned step at time {@code t}. */
    static void apply(ObjectNode d, DossierPlan.Step step, Instant t, DossierPlan plan, ProvinceCatalogue catalogue) {
        int status = step.status();
        String at = ProvinceDates.seconds(t);
        setStatus(d, catalogue.status(status));
        Instant due = null;
        switch (status) {
            case Status.SUBMITTED -> d.put("appliedDate", at);
            case Status.RECEIVED -> {
                if (isBlank(d.get("appliedDate"))) {
                    d.put("appliedDate", at);
                }
                d.put("acceptedDate", at);
                Instant appointment = ProvinceDates.addWorkingDays(t, plan.processingDays());
                d.put("appointmentDate", ProvinceDates.seconds(appointment));
                due = ProvinceDates.endOfWorkingDay(t);
            }
            case Status.REFUSED -> {
                d.put("cancelledDate", at);
                d.put("note", step.note());
            }
            case Status.PROCESSING -> {
                Instant appointment = appointment(d);
                due = appointment == null ? null : ProvinceDates.previousWorkingDay(appointment);
                if (due != null && due.isBefore(t)) {
                    due = appointment;
                }
            }
            case Status.SUPPLEMENT_REQUESTED -> due = ProvinceDates.addWorkingDays(t, 10);
            case Status.PAYMENT_REQUESTED -> due = ProvinceDates.addWorkingDays(t, 5);
            case Status.STOPPED -> d.put("note", step.note());
            case Status.FINISHED -> {
                d.put("completedDate", at);
                ArrayNode results = results(d);
                for (DossierPlan.ResultDocument r : plan.results()) {
                    ObjectNode n = results.addObject();
                    n.put("id", r.id());
                    n.put("name", r.name());
                    n.put("componentCode", r.componentCode());
                    n.put("url", r.url());
                    n.put("resultCode", r.resultCode());
                }
                due = appointment(d);
            }
            case Status.RETURNED -> {
                d.put("returnedDate", at);
                due = appointment(d);
            }
            default -> {
                // 7 (withdrawn): no date of its own
            }
        }
        addProcess(d, t, step.fullname(), step.position(), step.department(), step.content(),
                catalogue.status(status).id(), due);
    }

    static void setStatus(ObjectNode d, ProvinceCatalogue.StatusCode status) {
        ObjectNode s = d.putObject("dossierStatus");
        s.put("id", status.id());
        s.put("name", status.name());
    }

    /** Appends one {@code processes[]} entry (replacing a non-array value left by a mutation). */
    static void addProcess(ObjectNode d, Instant t, String fullname, String position, String department, String content,
                           String statusId, Instant due) {
        JsonNode existing = d.get("processes");
        ArrayNode processes = existing instanceof ArrayNode a ? a : d.putArray("processes");
        ObjectNode p = processes.addObject();
        String at = ProvinceDates.seconds(t);
        p.put("time", at);
        ObjectNode assignee = p.putObject("assignee");
        assignee.put("fullname", fullname);
        assignee.put("position", position == null ? "" : position);
        p.put("department", department);
        p.put("content", content);
        p.put("statusId", statusId);
        p.put("startDate", at);
        p.put("dueDate", ProvinceDates.seconds(due));
    }

    static ArrayNode results(ObjectNode d) {
        JsonNode existing = d.get("results");
        return existing instanceof ArrayNode a ? a : d.putArray("results");
    }

    private static Instant appointment(ObjectNode d) {
        JsonNode a = d.get("appointmentDate");
        if (isBlank(a)) {
            return null;
        }
        try {
            return ProvinceDates.parseOffset(a.asText());
        } catch (RuntimeException e) {
            return null; // a mutation may have left garbage there
        }
    }

    private static boolean isBlank(JsonNode n) {
        return n == null || n.isNull() || n.asText().isBlank();
    }
}
