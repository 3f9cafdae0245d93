package vn.tthc.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.tthc.hub.catalogue.CatalogueFiles.Table;
import vn.tthc.hub.catalogue.CatalogueHolder;

/** The catalogue page: procedures and routing (search, paged, effective dates), export, admin import, the portal check. */
@Controller
class CataloguePage {
    private final CatalogueService catalogue;

    CataloguePage(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/catalogue")
    String page(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                @RequestParam(defaultValue = "") String rq,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                @RequestParam(defaultValue = "false") boolean check, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("rq", rq);
        model.addAttribute("procedures", catalogue.procedures(q, page, 20));
        model.addAttribute("routing", catalogue.routing(rq, date));
        model.addAttribute("today", catalogue.today());
        if (check) {
            try {
                model.addAttribute("check", catalogue.check());
            } catch (IllegalStateException e) {
                model.addAttribute("checkError", e.getMessage());
            }
        }
        return "catalogue";
    }

    @GetMapping("/catalogue/{table}/export")
    org.springframework.http.ResponseEntity<byte[]> export(@PathVariable String table, @RequestParam(defaultValue = "csv") String format) {
        Table t = CatalogueApiController.table(table);
        boolean xlsx = "xlsx".equals(format);
        return CatalogueApiController.file(t, xlsx, catalogue.export(t, xlsx));
    }

    /** Admin only (SecurityConfig); the outcome, with every error, is shown on the page after the redirect. */
    @PostMapping("/catalogue/{table}/import")
    String importFile(@PathVariable String table, @RequestParam("file") MultipartFile file,
                      @RequestParam(defaultValue = "false") boolean dryRun, Principal principal, HttpServletRequest request,
                      RedirectAttributes redirect) throws IOException {
        Table t = CatalogueApiController.table(table);
        CatalogueHolder.ImportResult r = catalogue.importFile(t, file.getOriginalFilename(), file.getBytes(), dryRun,
                principal == null ? null : principal.getName(), request.getRemoteAddr());
        redirect.addFlashAttribute("importResult", r);
        redirect.addFlashAttribute("importTable", t.id());
        return "redirect:/catalogue#import-result";
    }
}
