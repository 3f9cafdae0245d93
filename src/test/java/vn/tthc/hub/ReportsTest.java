package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The weekly and monthly reports over the running hub: JSON, CSV and an Excel workbook that opens. */
class ReportsTest extends HubTestBase {
    @org.springframework.beans.factory.annotation.Autowired
    vn.tthc.hub.sync.VersionStore versions;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    static String thisWeek() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        return today.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    @Test
    void thisWeeksReportCountsTheDossiersReceivedAndOpensAsAWorkbook() throws Exception {
        List<String> codes = new ArrayList<>();
        postForJson("/sim/province/_control/generate", "{\"count\":5,\"seed\":7373}").path("codes").forEach(c -> codes.add(c.asText()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String code : codes) {
                assertThat(getJson("/api/v1/dossiers/" + enc(code)).path("deliveries"))
                        .anySatisfy(d -> assertThat(d.path("state").asText()).isEqualTo("DELIVERED"));
            }
        });
        // a stored version that no longer reads (a model change, say) is counted, not fatal to the report
        String broken = "000.00.06.H56-261123-" + (80000 + System.nanoTime() % 9999);
        vn.tthc.hub.sync.VersionStore.NewVersion v = new vn.tthc.hub.sync.VersionStore.NewVersion(broken, "province", 1, "hash-old-model",
                1, "1.001234", "000.00.06.H56", 0, 0, "{\"fieldFromAnOlderModel\":1}", "test");
        tx.executeWithoutResult(t -> {
            versions.insertDossier(v, java.time.Instant.now());
            versions.insertVersion(v, java.time.Instant.now());
        });
        JsonNode json = getJson("/api/v1/reports/weekly?period=" + thisWeek() + "&format=json");
        assertThat(json.path("unreadableVersions").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(json.path("period").asText()).isEqualTo(thisWeek());
        long received = 0;
        for (JsonNode r : json.path("agencies")) {
            received += r.path("received").asLong();
            assertThat(r.path("syncedToPortal").asLong()).isLessThanOrEqualTo(r.path("received").asLong());
            assertThat(r.path("onTime").asLong() + r.path("late").asLong()).isEqualTo(r.path("finished").asLong());
        }
        assertThat(received).isGreaterThanOrEqualTo(codes.size());
        assertThat(json.path("total").path("received").asLong()).isEqualTo(received);

        HttpResponse<byte[]> xlsx = bytes("/api/v1/reports/weekly?period=" + thisWeek() + "&format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).contains(".xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            Sheet byProcedure = wb.getSheet("Theo thủ tục");
            assertThat(byProcedure.getRow(1).getCell(2).getStringCellValue()).isEqualTo("Tiếp nhận");
            // title, headers, one line per procedure, and the grand total
            assertThat(byProcedure.getLastRowNum() - 2).isEqualTo(json.path("rows").size());
            assertThat(byProcedure.getRow(1).getCell(9).getStringCellValue()).isEqualTo("Sai lệch đối soát");
            double sum = 0;
            Sheet byAgency = wb.getSheet("Theo cơ quan");
            for (int i = 2; i < byAgency.getLastRowNum(); i++) {
                sum += byAgency.getRow(i).getCell(2).getNumericCellValue();
            }
            assertThat((long) sum).isEqualTo(received);
            assertThat(byAgency.getRow(byAgency.getLastRowNum()).getCell(0).getStringCellValue()).isEqualTo("Tổng cộng");
            assertThat((long) byAgency.getRow(byAgency.getLastRowNum()).getCell(2).getNumericCellValue()).isEqualTo(received);
        }
        HttpResponse<byte[]> csv = bytes("/api/v1/reports/monthly?format=csv&lang=en");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("\uFEFF\"Agency code\"");
    }

    @Test
    void aWrongPeriodOrFormatIsRefusedNamingIt() {
        HttpResponse<String> period = get("/api/v1/reports/weekly?period=tuần-48");
        assertThat(period.statusCode()).isEqualTo(400);
        assertThat(readJson(period.body()).path("errors").get(0).path("field").asText()).isEqualTo("period");
        assertThat(readJson(get("/api/v1/reports/monthly?format=pdf").body()).path("errors").get(0).path("field").asText()).isEqualTo("format");
        assertThat(get("/api/v1/reports/yearly").statusCode()).isEqualTo(400);
    }

    private static HttpResponse<byte[]> bytes(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
