package vn.tthc.hub.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import vn.tthc.hub.dossier.Pii;

/**
 * The API's stable error body, {@code {"error": code, "message": text, "field": name}} (field only where one is to
 * blame), for {@link ApiProblem}s and for parameters Spring could not bind (the parameter is named, the value is
 * not repeated). Messages are masked like everything the API answers.
 */
// the hub's own API only: the simulators and the province webhook speak their partners' error formats
@RestControllerAdvice(basePackages = {"vn.tthc.hub.console", "vn.tthc.hub.reconcile", "vn.tthc.hub.report", "vn.tthc.hub.backfill",
        "vn.tthc.hub.alert", "vn.tthc.hub.audit"})
public class ApiErrors {

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Map<String, String>> problem(ApiProblem e) {
        return body(e.status(), e.code(), e.getMessage(), e.field());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> mismatch(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return body(HttpStatus.BAD_REQUEST, "bad_request", e.getName() + ": must be a " + type, e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST, "bad_request", e.getParameterName() + ": required", e.getParameterName());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "bad_request", "body: not readable JSON of the expected shape", "body");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
        return body(HttpStatus.PAYLOAD_TOO_LARGE, "too_large", "file: larger than the upload limit", "file");
    }

    static ResponseEntity<Map<String, String>> body(HttpStatus status, String code, String message, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("error", code);
        out.put("message", Pii.maskText(message));
        if (field != null) {
            out.put("field", field);
        }
        return ResponseEntity.status(status).body(out);
    }
}
