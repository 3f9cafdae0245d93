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
    public static final String AUDIT_ACTION = "CATALOGUE_IMPORT";

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

    /**
     * The local catalogue against the portal's list: {@code unmapped} local procedures whose national code the portal
     * does not list (their mapping leads nowhere), {@code notLocal} national procedures the local catalogue lacks.
     */
    public record Check(Instant fetchedAt, int portalCount, int localCount, int unmappedCount, int notLocalCount,
                        List<ProcedureRow> unmapped, List<NationalProcedure> notLocal) {
    }

    private final CatalogueHolder holder;
    private final TargetRegistry targets;
    private final NationalProcedureList portal;
    private final AuditLog audit;
    private final Clock clock;

    public CatalogueService(CatalogueHolder holder, TargetRegistry targets, NationalProcedureList portal, AuditLog audit, Clock clock) {
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
        List<ProcedureRow> unmapped = new ArrayList<>();
        for (Procedure p : catalogue.all()) {
            if (!byCode.containsKey(p.nationalCode())) {
                unmapped.add(new ProcedureRow(p.localCode(), p.nationalCode(), p.name(), p.sectorCode(), p.sectorName(),
                        s.routing().handlerFor(p.nationalCode(), today)));
            }
        }
        List<NationalProcedure> notLocal = byCode.values().stream().filter(n -> !catalogue.isKnownNational(n.code())).toList();
        return new Check(clock.instant(), byCode.size(), catalogue.all().size(), unmapped.size(), notLocal.size(), unmapped, notLocal);
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
