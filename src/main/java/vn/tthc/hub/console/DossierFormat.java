package vn.tthc.hub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import vn.tthc.hub.dossier.CanonicalJson;

/**
 * How the dossier pages write times and payloads ({@code ${@dossierFormat.time(t)}}): dd/MM/yyyy HH:mm in
 * Asia/Ho_Chi_Minh as the team reads them (the attempts of one minute with their seconds), bodies as indented JSON.
 */
@Component("dossierFormat")
public class DossierFormat {
    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(DossierFilter.VN);
    static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(DossierFilter.VN);

    public String time(Instant t) {
        return t == null ? "" : MINUTES.format(t);
    }

    /** With seconds: attempts retried within the same minute stay apart. */
    public String exact(Instant t) {
        return t == null ? "" : SECONDS.format(t);
    }

    public String json(JsonNode body) {
        try {
            return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 12 characters of a hash (the whole one is in the element's title). */
    public String shortHash(String hash) {
        return hash == null ? "" : hash.length() <= 12 ? hash : hash.substring(0, 12) + "…";
    }
}
