package vn.tthc.hub.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.tthc.hub.catalogue.CatalogueFiles;
import vn.tthc.hub.catalogue.CatalogueFiles.Table;
import vn.tthc.hub.catalogue.CatalogueHolder;
import vn.tthc.hub.catalogue.CatalogueProblem;

/** The catalogue's API: search, routing on a date, export and import (admin), the check against the portal's list. */
@Tag(name = "Catalogue", description = "procedure-code mappings and the procedure → ministry routing table")
@RestController
public class CatalogueApiController {
    private final CatalogueService catalogue;

    public CatalogueApiController(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @Operation(summary = "Search procedures by local code, national code or name (paged)")
    @GetMapping("/api/v1/catalogue/procedures")
    public Paged<CatalogueService.ProcedureRow> procedures(@RequestParam(defaultValue = "") String q,
                                                           @RequestParam(defaultValue = "1") int page,
                                                           @RequestParam(defaultValue = "50") int size) {
        return catalogue.procedures(q, page, size);
    }

    @Operation(summary = "Routing rows with their effective dates, and the handler of each procedure on a date (default today)")
    @GetMapping("/api/v1/catalogue/routing")
    public CatalogueService.RoutingView routing(@RequestParam(defaultValue = "") String q,
                                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return catalogue.routing(q, date);
    }

    @Operation(summary = "Export a table as CSV (what the import reads) or Excel")
    @GetMapping("/api/v1/catalogue/{table}/export")
    public ResponseEntity<byte[]> export(@PathVariable String table, @RequestParam(defaultValue = "csv") String format) {
        Table t = table(table);
        boolean xlsx = switch (format) {
            case "csv" -> false;
            case "xlsx" -> true;
            default -> throw ApiProblem.badRequest("format", "must be csv or xlsx");
        };
        return file(t, xlsx, catalogue.export(t, xlsx));
    }

    static ResponseEntity<byte[]> file(Table t, boolean xlsx, byte[] body) {
        String name = t.id() + (xlsx ? ".xlsx" : ".csv");
        return ResponseEntity.ok()
                .contentType(xlsx ? MediaType.parseMediaType(CatalogueFiles.xlsxContentType()) : new MediaType("text", "csv",
                        java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    @Operation(summary = "Import a table (CSV or .xlsx, multipart field 'file'; admin): all lines validated, nothing changed on any error")
    @PostMapping(path = "/api/v1/catalogue/{table}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Map<String, Object>> importFile(@PathVariable String table, @RequestParam("file") MultipartFile file,
                                                          @RequestParam(defaultValue = "false") boolean dryRun,
                                                          Principal principal, HttpServletRequest request) throws IOException {
        Table t = table(table);
        CatalogueHolder.ImportResult r = catalogue.importFile(t, file.getOriginalFilename(), file.getBytes(), dryRun,
                principal == null ? null : principal.getName(), request.getRemoteAddr());
        return ResponseEntity.status(r.ok() ? HttpStatus.OK : HttpStatus.BAD_REQUEST).body(body(r));
    }

    static Map<String, Object> body(CatalogueHolder.ImportResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!r.ok()) {
            out.put("error", "bad_request");
            out.put("message", r.fileName() + ": " + r.problems().size() + " error(s), nothing imported; first: " + r.problems().get(0));
            out.put("errors", problems(r.problems()));
        }
        out.put("imported", r.imported());
        out.put("dryRun", r.dryRun());
        out.put("rows", r.rows());
        out.put("before", r.before());
        out.put("warnings", problems(r.warnings()));
        return out;
    }

    private static List<Map<String, Object>> problems(List<CatalogueProblem> list) {
        return list.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", p.line());
            m.put("field", p.field());
            m.put("rule", p.rule());
            m.put("code", p.code());
            return m;
        }).toList();
    }

    @Operation(summary = "Fetch the portal's procedure list (LayDanhSachTTHC) and flag local procedures it does not list")
    @GetMapping("/api/v1/catalogue/check")
    public CatalogueService.Check check() {
        try {
            return catalogue.check();
        } catch (IllegalStateException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "portal_unavailable", null, e.getMessage());
        }
    }

    static Table table(String id) {
        Table t = Table.of(id);
        if (t == null) {
            throw ApiProblem.notFound("no catalogue table " + id + " (procedures or routing)");
        }
        return t;
    }
}
