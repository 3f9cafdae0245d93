package vn.tthc.hub.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import vn.tthc.hub.audit.AuditLog;
import vn.tthc.hub.dossier.Pii;
import vn.tthc.hub.sync.PullRegistry;
import vn.tthc.hub.sync.TargetRegistry;

/**
 * The dossier search, timeline and payload view behind both the API and the pages: the filters checked, the rows
 * read, the payload masked unless an operator or admin asks for it in full — which is refused to anyone else and
 * audited for them.
 */
@Service
public class DossierService {
    public static final String PAYLOAD_VIEW = "payload.view";
    private final DossierQueries queries;
    private final ConsoleQueries console;
    private final TargetRegistry targets;
    private final PullRegistry pulls;
    private final AuditLog audit;

    public DossierService(DossierQueries queries, ConsoleQueries console, TargetRegistry targets, PullRegistry pulls, AuditLog audit) {
        this.queries = queries;
        this.console = console;
        this.targets = targets;
        this.pulls = pulls;
        this.audit = audit;
    }

    /** Every partner name a search may name: the targets, the pulled sources and the province (also a pushing source). */
    public Set<String> partners() {
        Set<String> all = new LinkedHashSet<>(targets.allTargets());
        all.add(TargetRegistry.ROUTED_SOURCE);
        all.addAll(new java.util.TreeSet<>(pulls.ids()));
        return all;
    }

    /** One page of the search; the filter is checked first ({@link DossierFilter#parse}). */
    public Paged<DossierSearchItem> search(DossierFilter filter, int page, int size) {
        return queries.search(filter, DossierFilter.page(page), DossierFilter.size(size));
    }

    /** @throws ApiProblem not_found when no source has the code */
    public DossierTimeline timeline(String code) {
        return queries.timeline(code, console.dossierViews(code))
                .orElseThrow(() -> ApiProblem.notFound("no dossier " + Pii.maskText(code)));
    }

    /** Who is asking for a payload, and from where (for the audit record of a full view). */
    public record Viewer(String username, boolean mayViewFull, String remoteAddress) {
    }

    /**
     * One version's canonical body: masked, or in full for a viewer who may see it (audited).
     *
     * @throws ApiProblem not_found for an unknown version; forbidden for a full view asked by a role without the right
     */
    public DossierPayload payload(String code, String source, long version, boolean full, Viewer viewer) {
        if (full && !viewer.mayViewFull()) {
            throw ApiProblem.forbidden("the full payload is shown to operators and administrators only");
        }
        DossierQueries.StoredBody stored = queries.storedBody(source, code, version)
                .orElseThrow(() -> ApiProblem.notFound("no version " + version + " of dossier " + Pii.maskText(code) + " from " + source));
        List<DossierPayload.SentAs> sent = queries.sentAs(source, code, version);
        String hash = queries.contentHash(source, code, version).orElse(null);
        if (stored.body() == null) {
            // pruned by retention: the hash, the deliveries and their attempts stay; there is nothing to mask or audit
            return new DossierPayload(code, source, version, hash, true, null, sent, DossierPayload.NOTE, stored.prunedAt(),
                    archiveName(stored.archive()));
        }
        JsonNode tree = DossierQueries.readBody(stored.body());
        if (full) {
            audit.record(viewer.username(), PAYLOAD_VIEW, code + " " + source + " v" + version, null, viewer.remoteAddress());
        }
        return new DossierPayload(code, source, version, hash, !full, full ? tree : DossierPayloadMask.mask(tree), sent, DossierPayload.NOTE,
                null, null);
    }

    /** The archive's file name only (its folder is the server's business). */
    private static String archiveName(String archive) {
        return archive == null ? null : java.nio.file.Path.of(archive).getFileName().toString();
    }
}
