package vn.tthc.hub.dossier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks one canonical dossier version on its own (formats, required fields, dates, codes) and
 * against the previously stored version (status transitions). Every error names the field and
 * the rule; messages carry no personal data.
 */
public final class DossierValidator {
    private static final Pattern CCCD_OR_CMND = Pattern.compile("\\d{12}|\\d{9}");
    private static final Pattern TAX_CODE = Pattern.compile("\\d{10}(-\\d{3})?");
    static final int MAX_SUMMARY = 1000;

    private final Predicate<String> knownProcedure;
    private final Clock clock;
    private final Duration clockSkew;

    /**
     * @param knownProcedure tells whether a national procedure code is in the catalogue
     * @param clockSkew      how far in the future a source's timestamp may be before it is refused
     */
    public DossierValidator(Predicate<String> knownProcedure, Clock clock, Duration clockSkew) {
        this.knownProcedure = knownProcedure;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /** Rules that need nothing but the version itself. */
    public List<FieldError> validate(Dossier d) {
        List<FieldError> errors = new ArrayList<>();
        Instant latest = clock.instant().plus(clockSkew);

        if (blank(d.code())) {
            errors.add(new FieldError("code", "required", "dossier code (MaHoSo) is required"));
        } else if (!DossierCodes.isDossierCode(d.code())) {
            errors.add(new FieldError("code", "format", "dossier code '" + d.code()
                    + "' must be {agency code LLL.KK.NN.Xnn}-{yyMMdd}-{NNNN}"));
        }
        if (d.version() == null || d.version() < 1) {
            errors.add(new FieldError("version", "required", "version (source revision) must be a positive integer"));
        }
        if (blank(d.agencyCode())) {
            errors.add(new FieldError("agencyCode", "required", "agency code is required"));
        } else if (!DossierCodes.isAgencyCode(d.agencyCode())) {
            errors.add(new FieldError("agencyCode", "format", "agency code '" + d.agencyCode() + "' must be LLL.KK.NN.Xnn"));
        } else if (d.code() != null && DossierCodes.isDossierCode(d.code())
                && !d.agencyCode().equals(DossierCodes.agencyOf(d.code()))) {
            errors.add(new FieldError("code", "agency-prefix", "dossier code must start with the agency code " + d.agencyCode()));
        }
        if (blank(d.procedureCode())) {
            errors.add(new FieldError("procedureCode", "required", "procedure code is required"));
        } else if (!DossierCodes.isNationalProcedureCode(d.procedureCode())) {
            errors.add(new FieldError("procedureCode", "format", "procedure code '" + d.procedureCode()
                    + "' is not a national code d.dddddd and has no mapping in the catalogue"));
        } else if (!knownProcedure.test(d.procedureCode())) {
            errors.add(new FieldError("procedureCode", "unknown", "procedure '" + d.procedureCode()
                    + "' is not in the procedure catalogue (mappings/catalogue/procedures.csv)"));
        }
        if (blank(d.procedureName())) {
            errors.add(new FieldError("procedureName", "required", "procedure name is required"));
        }
        if (!Status.isValid(d.status())) {
            errors.add(new FieldError("status", "range", "status must be 1–10 (TrangThaiHoSo), got " + d.status()));
        }
        if (d.channel() == null || d.channel() < 1 || d.channel() > 3) {
            errors.add(new FieldError("channel", "range", "channel must be 1 (in person), 2 (online) or 3 (postal), got " + d.channel()));
        }
        if (d.returnMethod() != null && (d.returnMethod() < 0 || d.returnMethod() > 1)) {
            errors.add(new FieldError("returnMethod", "range", "return method must be 0 (direct) or 1 (postal)"));
        }
        if (blank(d.summary())) {
            errors.add(new FieldError("summary", "required", "summary (TrichYeuHoSo) must not be empty"));
        } else if (d.summary().length() > MAX_SUMMARY) {
            errors.add(new FieldError("summary", "length", "summary is " + d.summary().length() + " characters, at most " + MAX_SUMMARY));
        }
        applicant(d.applicant(), errors);
        dates(d, latest, errors);
        documents(d, errors);
        progress(d, latest, errors);
        // every string of the model, whichever field it is in: markup, control characters, and its kind's rule
        errors.addAll(TextRules.checkTree(CanonicalJson.toTree(d)));
        return errors;
    }

    /**
     * The status chain from the stored status through this version's new steps to its status must
     * follow legal transitions. {@code previousStatus} is null for the first version.
     */
    public List<FieldError> validateTransition(Integer previousStatus, Dossier d, int stepsFrom) {
        List<FieldError> errors = new ArrayList<>();
        Integer current = previousStatus;
        List<Dossier.ProgressStep> steps = d.progress() == null ? List.of() : d.progress();
        for (int i = stepsFrom; i < steps.size(); i++) {
            Integer next = steps.get(i).status();
            if (next == null) {
                continue;
            }
            if (current != null && !Status.canMove(current, next)) {
                errors.add(new FieldError("progress[" + i + "].status", "transition",
                        "status transition " + current + " → " + next + " is not allowed"));
                return errors;
            }
            current = next;
        }
        if (current != null && d.status() != null && !Status.canMove(current, d.status())) {
            errors.add(new FieldError("status", "transition",
                    "status transition " + current + " → " + d.status() + " is not allowed"));
        }
        return errors;
    }

    private void applicant(Dossier.Applicant a, List<FieldError> errors) {
        if (a == null) {
            errors.add(new FieldError("applicant", "required", "applicant is required"));
            return;
        }
        if (blank(a.name())) {
            errors.add(new FieldError("applicant.name", "required", "applicant name (ChuHoSo) is required"));
        }
        if (a.type() == null || a.type() < 1 || a.type() > 4) {
            errors.add(new FieldError("applicant.type", "range", "applicant type must be 1 citizen, 2 business, 3 state agency or 4 other"));
        }
        if (blank(a.idNumber())) {
            errors.add(new FieldError("applicant.idNumber", "required", "applicant identity number (SoGiayToChuHoSo) is required"));
        } else if (!CCCD_OR_CMND.matcher(a.idNumber()).matches() && !TAX_CODE.matcher(a.idNumber()).matches()) {
            errors.add(new FieldError("applicant.idNumber", "format",
                    "identity number must be a CCCD (12 digits), CMND (9 digits) or tax code (10 or 10-3 digits)"));
        }
    }

    private void dates(Dossier d, Instant latest, List<FieldError> errors) {
        if (d.submittedAt() == null) {
            errors.add(new FieldError("submittedAt", "required", "submission date (NgayNopHoSo) is required"));
        }
        future("updatedAt", d.updatedAt(), latest, errors);
        future("submittedAt", d.submittedAt(), latest, errors);
        future("receivedAt", d.receivedAt(), latest, errors);
        future("rejectedAt", d.rejectedAt(), latest, errors);
        future("finishedAt", d.finishedAt(), latest, errors);
        future("returnedAt", d.returnedAt(), latest, errors);
        if (d.status() != null && d.status() >= Status.RECEIVED && d.status() != Status.REFUSED && d.receivedAt() == null) {
            errors.add(new FieldError("receivedAt", "required", "reception date (NgayTiepNhan) is required from status 2 on"));
        }
        if (d.receivedAt() != null && d.submittedAt() != null && d.receivedAt().isBefore(d.submittedAt())) {
            errors.add(new FieldError("receivedAt", "order", "reception date is before the submission date"));
        }
        if (d.dueAt() != null && d.receivedAt() != null && d.dueAt().isBefore(d.receivedAt())) {
            errors.add(new FieldError("dueAt", "order", "appointment date (NgayHenTra) is before the reception date"));
        }
        if (d.returnedAt() != null && d.finishedAt() != null && d.returnedAt().isBefore(d.finishedAt())) {
            errors.add(new FieldError("returnedAt", "order", "return date is before the processing end date"));
        }
    }

    private void documents(Dossier d, List<FieldError> errors) {
        if (d.documents() != null) {
            for (int i = 0; i < d.documents().size(); i++) {
                Dossier.Document doc = d.documents().get(i);
                String p = "documents[" + i + "]";
                if (doc == null) {
                    errors.add(new FieldError(p, "required", "document entry is empty"));
                    continue;
                }
                if (blank(doc.name())) {
                    errors.add(new FieldError(p + ".name", "required", "document name (TenTepDinhKem) is required"));
                }
                if (blank(doc.url())) {
                    errors.add(new FieldError(p + ".url", "required", "document URL (DuongDanTaiTepTin) is required; files are never inlined"));
                }
            }
        }
        if (d.results() != null) {
            for (int i = 0; i < d.results().size(); i++) {
                Dossier.Result r = d.results().get(i);
                String p = "results[" + i + "]";
                if (r == null || blank(r.name())) {
                    errors.add(new FieldError(p + ".name", "required", "result name (TenGiayTo) is required"));
                    continue;
                }
            }
        }
        if (d.fees() != null) {
            for (int i = 0; i < d.fees().size(); i++) {
                Dossier.Fee f = d.fees().get(i);
                if (f == null || f.amount() == null || f.amount() < 0) {
                    errors.add(new FieldError("fees[" + i + "].amount", "range", "fee amount must be 0 or more (VND)"));
                }
            }
        }
    }

    private void progress(Dossier d, Instant latest, List<FieldError> errors) {
        if (d.progress() == null) {
            return;
        }
        Instant previous = null;
        for (int i = 0; i < d.progress().size(); i++) {
            Dossier.ProgressStep s = d.progress().get(i);
            String p = "progress[" + i + "]";
            if (s == null) {
                errors.add(new FieldError(p, "required", "progress step is empty"));
                continue;
            }
            if (s.at() == null) {
                errors.add(new FieldError(p + ".at", "required", "step time (ThoiDiemXuLy) is required"));
            } else {
                future(p + ".at", s.at(), latest, errors);
                if (previous != null && s.at().isBefore(previous)) {
                    errors.add(new FieldError(p + ".at", "order", "steps must be in time order"));
                }
                previous = s.at();
            }
            if (blank(s.action())) {
                errors.add(new FieldError(p + ".action", "required", "step action (NoiDungXuLy) is required"));
            }
            if (s.status() != null && !Status.isValid(s.status())) {
                errors.add(new FieldError(p + ".status", "range", "step status must be 1–10"));
            }
            future(p + ".startAt", s.startAt(), latest, errors);
        }
    }

    private static void future(String field, Instant value, Instant latest, List<FieldError> errors) {
        if (value != null && value.isAfter(latest)) {
            errors.add(new FieldError(field, "future", "date is in the future"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
