package vn.tthc.hub.sim.province;

import java.util.List;

/**
 * The planned life of one generated dossier: its path through the portal statuses with every
 * step's wording and officer decided up front (so a seed fixes the whole evolution), the result
 * documents it gets when processing finishes, and the legal processing time in working days.
 *
 * @param steps          one step per status on the path, the first applied at creation
 * @param results        result documents attached when the path reaches status 9
 * @param processingDays working days from acceptance to the appointment date
 */
public record DossierPlan(List<Step> steps, List<ResultDocument> results, int processingDays) {

    public DossierPlan {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one step");
        }
        steps = List.copyOf(steps);
        results = List.copyOf(results);
    }

    /** The portal statuses of the path, in order. */
    public List<Integer> path() {
        return steps.stream().map(Step::status).toList();
    }

    /**
     * One transition.
     *
     * @param status     the portal status (1–10) the step leads to
     * @param content    what the officer did, in Vietnamese
     * @param fullname   the officer (or "Hệ thống" for the portal)
     * @param position   the officer's position, "" for the system
     * @param department the department of the officer
     * @param gapMinutes business time after the previous step (back-dated dossiers play it out up to now)
     * @param note       a reason recorded in the dossier's {@code note} (refusal, stop), or {@code null}
     */
    public record Step(int status, String content, String fullname, String position, String department,
                       long gapMinutes, String note) {
    }

    /** A result document ({@code results[]} entry). */
    public record ResultDocument(String id, String name, String componentCode, String url, String resultCode) {
    }
}
