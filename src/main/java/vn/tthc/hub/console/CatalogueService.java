package vn.tthc.hub.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import vn.tthc.hub.audit.AuditLog;
import vn.tthc.hub.catalogue.CatalogueFiles;
import vn.tthc.hub.catalogue.CatalogueFiles.Table;
import vn.tthc.hub.catalogue.CatalogueHolder;
import vn.tthc.hub.catalogue.Procedure;
import vn.tthc.hub.catalogue.ProcedureCatalogue;
import vn.tthc.hub.catalogue.ProcedureRouting;
import vn.tthc.hub.sync.NationalProcedureList;
import vn.tthc.hub.sync.NationalProcedureList.NationalProcedure;
import vn.tthc.hub.sync.TargetRegistry;

/** The catalogue as the console shows and changes it: search, routing on a date, export, audited import, the portal check. */
@Service
public class CatalogueService {
    public static final String AUDIT_ACTION = "catalogue.import";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One procedure of the catalogue with the system that handles it today. */
    public record ProcedureRow(String localCode, String nationalCode, String name, String sectorCode, String sectorName,
                               String handlerToday) {
    }

    /** One routing row; {@code applies} when its period contains the date asked. */
    public record RoutingRow(String nationalCode, String name, String handler, LocalDate effectiveFrom, LocalDate effectiveTo,
                             String note, boolean applies) {
    }

    /** The handler of one procedure on the date asked. */
    public record HandlerOn(String nationalCode, String name, String handler) {
    }

    /** The routing table filtered by {@code q}, and which system handles each matching procedure on {@code date}. */
    public record RoutingView(LocalDate date, String q, List<RoutingRow> rows, List<HandlerOn> handlers) {
    }

    /** A procedure code the province system sent that the catalogue does not map: how many inputs, the last one when. */
    public record UnmappedLocal(String code, long inputs, Instant lastSeen) {
    }

    /**
     * The local catalogue against the portal's list and the province's inputs: {@code unmapped} procedure codes the
     * province system used in dossiers the hub refused because the catalogue has no national mapping for them (from
     * the quarantine; codes mapped since are left out), {@code notOnPortal} catalogue rows whose national code the
     * portal does not list (their mapping leads nowhere), {@code notLocal} national procedures the catalogue lacks.
     */
    public record Check(Instant fetchedAt, int portalCount, int localCount, int unmappedCount, int notOnPortalCount,
                        int notLocalCount, List<UnmappedLocal> unmapped, List<ProcedureRow> notOnPortal,
                        List<NationalProcedure> notLocal) {
    }

    /** The code in the validator's messages: "procedure code 'X' is not a national code…" / "procedure 'X' is not in…". */
    private static final Pattern REFUSED_CODE = Pattern.compile("procedure (?:code )?'([^']{1,64})'");
    /** The newest quarantine records searched for refused procedure codes (a bound, not a sample of the whole history). */
    static final int QUARANTINE_SCAN = 5000;

    private final CatalogueHolder holder;
    private final TargetRegistry targets;
    private final NationalProcedureList portal;
    private final AuditLog audit;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    public CatalogueService(CatalogueHolder holder, TargetRegistry targets, NationalProcedureList portal, AuditLog audit, Clock clock,
                            DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.holder = holder;
        this.targets = targets;
        this.portal = portal;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ProcedureRouting.ZONE);
    }

    /** Procedures whose local code, national code or name contains {@code q} (case-insensitive), in file order. */
    public Paged<ProcedureRow> procedures(String q, int page, int size) {
        CatalogueHolder.Snapshot s = holder.snapshot();
        LocalDate today = today();
        String needle = norm(q);
        List<ProcedureRow> all = new ArrayList<>();
        for (Procedure p : s.catalogue().all()) {
            if (needle.isEmpty() || norm(p.localCode()).contains(needle) || norm(p.nationalCode()).contains(needle)
                    || norm(p.name()).contains(needle)) {
                all.add(new ProcedureRow(p.localCode(), p.nationalCode(), p.name(), p.sectorCode(), p.sectorName(),
                        s.routing().handlerFor(p.nationalCode(), today)));
            }
        }
        int pg = Paged.page(page);
        int sz = Paged.size(size);
        int from = (int) Math.min(Paged.offset(pg, sz), all.size());
        return Paged.of(all.subList(from, Math.min(from + sz, all.size())), pg, sz, all.size());
    }

    /** Routing rows whose national code, handler, note or procedure name contains {@code q}; handlers on {@code date} (default today). */
    public RoutingView routing(String q, LocalDate date) {
        CatalogueHolder.Snapshot s = holder.snapshot();
        LocalDate on = date == null ? today() : date;
        String needle = norm(q);
        List<RoutingRow> rows = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        for (ProcedureRouting.Route r : s.routing().all()) {
            String name = s.catalogue().find(r.nationalCode()).map(Procedure::name).orElse("");
            if (needle.isEmpty() || norm(r.nationalCode()).contains(needle) || norm(r.handler()).contains(needle)
                    || norm(r.note()).contains(needle) || norm(name).contains(needle)) {
                rows.add(new RoutingRow(r.nationalCode(), name, r.handler(), r.from(), r.to(), r.note(), r.covers(on)));
                codes.add(r.nationalCode());
            }
        }
        List<HandlerOn> handlers = new ArrayList<>();
        for (String code : codes) {
            handlers.add(new HandlerOn(code, s.catalogue().find(code).map(Procedure::name).orElse(""),
                    s.routing().handlerFor(code, on)));
        }
        return new RoutingView(on, q == null ? "" : q, rows, handlers);
    }

    /** The table as a file: CSV (what the import reads) or Excel. */
    public byte[] export(Table table, boolean xlsx) {
        List<List<String>> rows = holder.rows(table);
        return xlsx ? CatalogueFiles.xlsx(table, rows) : CatalogueFiles.csv(table.header(), rows);
    }

    /** Validates and (unless a dry run or a bad line) applies an uploaded file; every import is audited, refused ones too. */
    public CatalogueHolder.ImportResult importFile(Table table, String fileName, byte[] content, boolean dryRun,
                                                   String username, String remoteAddress) {
        Set<String> known = new LinkedHashSet<>(targets.allTargets());
        CatalogueHolder.ImportResult r = holder.importFile(table, fileName, content, dryRun, known::contains, today());
        int after = r.imported() ? r.rows() : r.before();
        String outcome = r.imported() ? "imported" : !r.ok() ? "refused (" + r.problems().size() + " errors)" : "dry run, valid";
        audit.record(username, AUDIT_ACTION, table.fileName(), "file=" + fileName + ", " + outcome + ", rows=" + r.rows()
                + ", before=" + r.before() + ", after=" + after, remoteAddress);
        return r;
    }

    /** Fetches the portal's list and compares it with the catalogue in use. */
    public Check check() {
        List<NationalProcedure> national = portal.fetch();
        CatalogueHolder.Snapshot s = holder.snapshot();
        ProcedureCatalogue catalogue = s.catalogue();
        LocalDate today = today();
        Map<String, NationalProcedure> byCode = new LinkedHashMap<>();
        national.forEach(n -> byCode.putIfAbsent(n.code(), n));
        List<ProcedureRow> notOnPortal = new ArrayList<>();
        for (Procedure p : catalogue.all()) {
            if (!byCode.containsKey(p.nationalCode())) {
                notOnPortal.add(new ProcedureRow(p.localCode(), p.nationalCode(), p.name(), p.sectorCode(), p.sectorName(),
                        s.routing().handlerFor(p.nationalCode(), today)));
            }
        }
        List<NationalProcedure> notLocal = byCode.values().stream().filter(n -> !catalogue.isKnownNational(n.code())).toList();
        List<UnmappedLocal> unmapped = refusedCodes(catalogue);
        return new Check(clock.instant(), byCode.size(), catalogue.all().size(), unmapped.size(), notOnPortal.size(), notLocal.size(),
                unmapped, notOnPortal, notLocal);
    }

    /** Procedure codes of quarantined inputs refused for their procedure code, that the catalogue in use still does not know. */
    List<UnmappedLocal> refusedCodes(ProcedureCatalogue catalogue) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Instant> last = new LinkedHashMap<>();
        jdbc.query("""
                SELECT errors, received_at, last_seen_at, repeats FROM quarantine
                WHERE errors LIKE '%"procedureCode"%' ORDER BY received_at DESC LIMIT ?""", rs -> {
            JsonNode errors;
            try {
                errors = JSON.readTree(rs.getString("errors"));
            } catch (Exception e) {
                return;
            }
            for (JsonNode e : errors) {
                String rule = e.path("rule").asText();
                if (!"procedureCode".equals(e.path("field").asText()) || !("format".equals(rule) || "unknown".equals(rule))) {
                    continue;
                }
                Matcher m = REFUSED_CODE.matcher(e.path("message").asText());
                if (!m.find() || catalogue.find(m.group(1)).isPresent()) {
                    continue;
                }
                String code = m.group(1);
                counts.computeIfAbsent(code, c -> new long[1])[0] += 1 + rs.getLong("repeats");
                java.sql.Timestamp seen = rs.getTimestamp("last_seen_at") != null ? rs.getTimestamp("last_seen_at") : rs.getTimestamp("received_at");
                last.merge(code, seen.toInstant(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }, QUARANTINE_SCAN);
        return counts.entrySet().stream().map(e -> new UnmappedLocal(e.getKey(), e.getValue()[0], last.get(e.getKey()))).toList();
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
