package vn.tthc.hub.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import vn.tthc.hub.sync.DeadLetterFilter;
import vn.tthc.hub.sync.ReplayRefused;

/**
 * The dead-letter filter as the API and the pages take it: texts as given, {@code since}/{@code until} as an ISO-8601
 * instant ({@code 2026-12-03T08:15:00Z}), a local date-time or a date ({@code 2026-12-03}, the province's time zone:
 * {@code since} from the start of that day, {@code until} up to its end). A bad date is refused naming its field.
 */
final class ReplayParams {
    static final ZoneId ZONE = ConsoleTime.VN;

    private ReplayParams() {
    }

    static DeadLetterFilter filter(String target, String procedure, String agency, String error, String since, String until) {
        return new DeadLetterFilter(target, procedure, agency, error, time("since", since, false), time("until", until, true));
    }

    static Instant time(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            // not an instant: a local date-time or a date
        }
        try {
            return LocalDateTime.parse(v).atZone(ZONE).toInstant();
        } catch (DateTimeParseException e) {
            // not a date-time
        }
        try {
            LocalDate d = LocalDate.parse(v);
            return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "must be an ISO-8601 instant or date (e.g. 2026-12-03 or 2026-12-03T08:15:00Z)");
        }
    }

    /** The API's answer to a refused replay, discard or job action. */
    static ApiProblem problem(ReplayRefused r) {
        return switch (r.kind()) {
            case NOT_FOUND -> ApiProblem.notFound(r.getMessage());
            case CONFLICT -> ApiProblem.conflict(r.getMessage());
            case SUPERSEDED -> new ApiProblem(HttpStatus.CONFLICT, "superseded", null, r.getMessage());
            case INVALID -> ApiProblem.badRequest(r.field(), r.getMessage());
        };
    }
}
