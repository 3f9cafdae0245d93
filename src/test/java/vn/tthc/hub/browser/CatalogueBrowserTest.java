package vn.tthc.hub.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import vn.tthc.hub.CatalogueTestFiles;
import vn.tthc.hub.TestUsers;
import vn.tthc.hub.catalogue.CatalogueFiles.Table;
import vn.tthc.hub.catalogue.CatalogueHolder;

/** An admin imports a routing table with a bad line (refused, the line and column named, nothing changed), then a good one. */
class CatalogueBrowserTest extends BrowserTestBase {
    @Autowired
    CatalogueHolder holder;

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        for (Table t : Table.values()) {
            holder.importFile(t, t.fileName(), CatalogueTestFiles.original(t.fileName()), false, h -> true, java.time.LocalDate.now());
        }
    }

    @Test
    void aBadLineIsRefusedClearlyAndAGoodFileIsImported() throws Exception {
        String routing = new String(CatalogueTestFiles.original("routing.csv"), StandardCharsets.UTF_8);
        int badLine = routing.split("\n", -1).length;
        Path bad = Files.writeString(dir.resolve("routing-bad.csv"), routing + "2.000477,ministry-G06,2026-02-30,,bad date\n");
        Path good = Files.writeString(dir.resolve("routing-good.csv"), routing + "2.000477,ministry-G06,2026-01-01,,chuyển Bộ\n");

        signIn("admin", TestUsers.ADMIN_PASSWORD);
        open("/catalogue?lang=vi");
        assertThat(find("h1").getText()).isEqualTo("Danh mục thủ tục và bảng định tuyến");
        assertThat(find("#procedure-table tbody").getText()).contains("2.000477.000.00.00.H56");
        assertThat(handlerShown("2.000477")).isNull();
        screenshot("catalogue");

        find("#import-routing input[type=file]").sendKeys(bad.toString());
        find("#import-routing button[type=submit]").click();
        waitFor("#import-errors");
        assertThat(find("#import-errors h2").getText()).contains("routing-bad.csv", "bị từ chối", "1 lỗi", "Không có thay đổi");
        assertThat(find("#import-errors tr.import-error td.line").getText()).isEqualTo(String.valueOf(badLine));
        assertThat(find("#import-errors tr.import-error td.field").getText()).isEqualTo("effective_from");
        assertThat(find("#import-errors tr.import-error td.rule").getText()).contains("Ngày không tồn tại", "2026-02-30", "not a valid date");
        assertThat(handlerShown("2.000477")).as("nothing changed").isNull();
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("catalogue-import-error");

        find("#import-routing input[type=file]").sendKeys(good.toString());
        find("#import-routing button[type=submit]").click();
        waitFor("#import-ok");
        assertThat(find("#import-ok").getText()).contains("routing-good.csv");
        assertThat(handlerShown("2.000477")).isEqualTo("ministry-G06");
        assertThat(holder.routing().handlerFor("2.000477", java.time.LocalDate.now())).isEqualTo("ministry-G06");

        find("#check-button").click();
        waitFor("#check-result");
        assertThat(find("#check-notonportal-count").getText()).isEqualTo("0");
        assertThat(find("#check-notlocal").getText()).contains("1.000105");
    }

    /** The handler the routing section shows for a procedure today, or null when it has no row. */
    static String handlerShown(String code) {
        return findAll("#handler-table tr[data-code='" + code + "'] .handler").stream().map(e -> e.getText()).findFirst().orElse(null);
    }

    @Test
    void aViewerSeesNoImportForm() {
        signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        open("/catalogue?lang=en");
        assertThat(find("h1").getText()).isEqualTo("Procedure catalogue and routing table");
        assertThat(findAll(".import-form")).isEmpty();
        assertThat(findAll("#export-routing-csv")).hasSize(1);
    }
}
