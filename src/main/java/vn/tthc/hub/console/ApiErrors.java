package vn.tthc.hub.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import vn.tthc.hub.dossier.Pii;

/**
 * The API's stable error body, {@code {"error": code, "message": text, "field": name}} (field only where one is to
 * blame), for {@link ApiProblem}s and for parameters Spring could not bind (the parameter is named, the value is
 * not repeated). Messages are masked like everything the API answers. The same refusal on a console page (a bad
 * {@code ?page=}, an unknown dossier) is the console's error page with the same status and message.
 */
// the hub's own API and pages only: the simulators and the province webhook speak their partners' error formats
@ControllerAdvice(basePackages = {"vn.tthc.hub.console", "vn.tthc.hub.reconcile", "vn.tthc.hub.report", "vn.tthc.hub.backfill",
        "vn.tthc.hub.alert", "vn.tthc.hub.audit"})
public class ApiErrors {

    @ExceptionHandler(ApiProblem.class)
    Object problem(ApiProblem e, HandlerMethod handler) {
        return answer(handler, e.status(), e.code(), e.getMessage(), e.field());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object mismatch(MethodArgumentTypeMismatchException e, HandlerMethod handler) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return answer(handler, HttpStatus.BAD_REQUEST, "bad_request", e.getName() + ": must be a " + type, e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missing(MissingServletRequestParameterException e, HandlerMethod handler) {
        return answer(handler, HttpStatus.BAD_REQUEST, "bad_request", e.getParameterName() + ": required", e.getParameterName());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e, HandlerMethod handler) {
        return answer(handler, HttpStatus.BAD_REQUEST, "bad_request", "body: not readable JSON of the expected shape", "body");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
        // raised before any handler is chosen (while the upload is read)
        return body(HttpStatus.PAYLOAD_TOO_LARGE, "too_large", "file: larger than the upload limit", "file");
    }

    /** The JSON body for an API call; the console's error page (templates/error.html) for a page. */
    static Object answer(HandlerMethod handler, HttpStatus status, String code, String message, String field) {
        boolean page = handler != null && !AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
                && !handler.hasMethodAnnotation(ResponseBody.class);
        if (page) {
            ModelAndView view = new ModelAndView("error", status);
            view.addObject("status", status.value());
            view.addObject("message", Pii.maskText(message));
            return view;
        }
        return body(status, code, message, field);
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
