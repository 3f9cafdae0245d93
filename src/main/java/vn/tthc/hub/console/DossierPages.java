package vn.tthc.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The dossier pages: the search ({@code /dossiers}), one dossier's story ({@code /dossiers/{code}}) and a version's payload. */
@Controller
class DossierPages {
    private final DossierService dossiers;

    DossierPages(DossierService dossiers) {
        this.dossiers = dossiers;
    }

    /** The search form as typed (shown back in the form and carried by the pager's links). */
    record SearchForm(String code, String procedure, String agency, String status, String partner, String state, String from, String to,
                      int size) {
        /** The link to another page of the same search. */
        public String link(int page) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("code", code);
            q.put("procedure", procedure);
            q.put("agency", agency);
            q.put("status", status);
            q.put("partner", partner);
            q.put("state", state);
            q.put("from", from);
            q.put("to", to);
            String params = q.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return "/dossiers?" + (params.isEmpty() ? "" : params + "&") + (size == 50 ? "" : "size=" + size + "&") + "page=" + page;
        }
    }

    @GetMapping("/dossiers")
    String search(@RequestParam(required = false) String code, @RequestParam(required = false) String procedure,
                  @RequestParam(required = false) String agency, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String partner, @RequestParam(required = false) String state,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(defaultValue = "1") String page, @RequestParam(defaultValue = "50") String size, Model model) {
        Integer s = number(size);
        SearchForm form = new SearchForm(code, procedure, agency, status, partner, state, from, to, s == null ? 50 : s);
        model.addAttribute("form", form);
        model.addAttribute("partners", dossiers.partners());
        model.addAttribute("statuses", java.util.stream.IntStream.rangeClosed(1, 10).boxed().toList());
        model.addAttribute("states", DossierQueries.WORST_FIRST);
        try {
            DossierFilter filter = DossierFilter.parse(code, procedure, agency, status, partner, state, from, to, dossiers.partners());
            Integer p = number(page);
            if (p == null) {
                throw ApiProblem.badRequest("page", "must be a number");
            }
            if (s == null) {
                throw ApiProblem.badRequest("size", "must be a number");
            }
            model.addAttribute("results", dossiers.search(filter, p, s));
        } catch (ApiProblem e) {
            model.addAttribute("problemField", e.field());
            model.addAttribute("problem", e.getMessage());
        }
        return "dossiers";
    }

    @GetMapping("/dossiers/{code}")
    String dossier(@PathVariable String code, Model model) {
        DossierTimeline t;
        try {
            t = dossiers.timeline(code);
        } catch (ApiProblem e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
        model.addAttribute("t", t);
        model.addAttribute("versionsBySource", t.versions().stream().collect(Collectors.groupingBy(DossierTimeline.Version::source,
                TreeMap::new, Collectors.toList())));
        model.addAttribute("deliveriesByTarget", t.deliveries().stream().collect(Collectors.groupingBy(DossierTimeline.Delivery::target,
                TreeMap::new, Collectors.toList())));
        return "dossier";
    }

    @GetMapping("/dossiers/{code}/versions/{source}/{version}")
    String payload(@PathVariable String code, @PathVariable String source, @PathVariable long version,
                   @RequestParam(defaultValue = "false") boolean full, HttpServletRequest request, Principal user, Model model) {
        try {
            model.addAttribute("p", dossiers.payload(code, source, version, full, DossierApiController.viewer(request, user)));
        } catch (ApiProblem e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
        return "dossier-payload";
    }

    private static Integer number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
