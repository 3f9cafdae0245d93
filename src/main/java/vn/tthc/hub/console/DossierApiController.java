package vn.tthc.hub.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dossier search, a dossier's timeline and a version's payload ({@code GET /api/v1/dossiers…}, every role). */
@RestController
@Tag(name = "Dossiers", description = "Search dossiers, follow one dossier's versions, deliveries and attempts, read a version's payload")
public class DossierApiController {
    private final DossierService dossiers;

    public DossierApiController(DossierService dossiers) {
        this.dossiers = dossiers;
    }

    @GetMapping("/api/v1/dossiers")
    @Operation(summary = "Search dossiers (one row per code), the most recently updated first; from/to are yyyy-MM-dd days in "
            + "Asia/Ho_Chi_Minh, state is the state of any delivery (to or from partner when both are given)")
    public Paged<DossierSearchItem> search(@RequestParam(required = false) String code, @RequestParam(required = false) String procedure,
                                           @RequestParam(required = false) String agency, @RequestParam(required = false) String status,
                                           @RequestParam(required = false) String partner, @RequestParam(required = false) String state,
                                           @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                           @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        DossierFilter filter = DossierFilter.parse(code, procedure, agency, status, partner, state, from, to, dossiers.partners());
        return dossiers.search(filter, page, size);
    }

    @GetMapping("/api/v1/dossiers/{code}/timeline")
    @Operation(summary = "Every version from every source, every delivery with every attempt, the quarantine records, and all "
            + "of them as one time-ordered list of events")
    public DossierTimeline timeline(@PathVariable String code) {
        return dossiers.timeline(code);
    }

    @GetMapping("/api/v1/dossiers/{code}/versions/{source}/{version}/payload")
    @Operation(summary = "A version's stored canonical body, masked; full=true shows it unmasked to operators and admins (audited). "
            + "Partner payloads are not stored: sentAs gives the hash of what each partner was sent")
    public DossierPayload payload(@PathVariable String code, @PathVariable String source, @PathVariable long version,
                                  @RequestParam(defaultValue = "false") boolean full, HttpServletRequest request, Principal user) {
        return dossiers.payload(code, source, version, full, viewer(request, user));
    }

    static DossierService.Viewer viewer(HttpServletRequest request, Principal user) {
        return new DossierService.Viewer(user == null ? null : user.getName(),
                request.isUserInRole("OPERATOR") || request.isUserInRole("ADMIN"), request.getRemoteAddr());
    }
}
