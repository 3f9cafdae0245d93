package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import vn.tthc.hub.report.ReportMailer;
import vn.tthc.hub.report.ReportProperties;

/**
 * The weekly report mailed over the running hub: received by the embedded SMTP server, its subject RFC 2047
 * encoded Vietnamese, its workbook and CSV attached, the workbook's totals those of the JSON report with the
 * reconciliation's outcome in them; the mail logged; the schedule registered with the cron of the settings
 * and a scheduled period mailed once.
 */
class ReportMailsTest extends HubTestBase {
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final Pattern WHOLE_NUMBER = Pattern.compile("(?<![\\d])\\d{9,12}(?![\\d])");
    /** Totals in the order of the workbook's columns 2..10 (the on-time share at 7 is compared apart). */
    static final String[] TOTALS = {"received", "syncedToPortal", "finished", "onTime", "late", null, "syncFailures",
        "reconciliationDifferences", "reconciliationHealed"};

    @Autowired
    GreenMail greenMail;
    @Autowired
    NamedParameterJdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    ReportProperties reportSettings;
    @Autowired
    ReportMailer mailer;

    @Test
    void theWeeklyReportIsMailedWithItsWorkbookAndCsvAndTheReconciliationOutcome() throws Exception {
        List<String> codes = new ArrayList<>();
        postForJson("/sim/province/_control/generate", "{\"count\":4,\"seed\":9292}").path("codes").forEach(c -> codes.add(c.asText()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String code : codes) {
                assertThat(getJson("/api/v1/dossiers/" + enc(code)).path("deliveries"))
                        .anySatisfy(d -> assertThat(d.path("state").asText()).isEqualTo("DELIVERED"));
            }
        });
        // a reconciliation run of this week with three differences of an agency of its own, two healed, and one of
        // last week's runs, which this week's report must leave out
        String agency = "000.00.99.T" + (10 + System.nanoTime() % 89);
        Instant now = Instant.now();
        long run = insertRun(now.minusSeconds(5));
        difference(run, agency, "1.009901", "missingAtTarget", true);
        difference(run, agency, "1.009901", "statusMismatch", true);
        difference(run, agency, "1.009901", "stuck", false);
        difference(insertRun(now.minus(Duration.ofDays(8))), agency, "1.009901", "stuck", false);

        LocalDate today = LocalDate.now(VN);
        LocalDate monday = today.with(java.time.DayOfWeek.MONDAY);
        String week = today.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        String subject = "[tthc-hub] Báo cáo tuần " + today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + "/" + today.get(IsoFields.WEEK_BASED_YEAR)
                + " (" + DATE.format(monday) + " – " + DATE.format(monday.plusDays(6)) + ")";

        // the figures must stand still between the JSON report and the mail: deliveries of other tests may still finish
        JsonNode[] report = {null};
        MimeMessage[] mail = {null};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode before = getJson("/api/v1/reports/weekly?period=" + week + "&format=json");
            int baseline = greenMail.getReceivedMessages().length;
            JsonNode sent = postForJson("/api/v1/reports/weekly/mail?period=" + week, "");
            assertThat(sent.path("status").asText()).isEqualTo("SENT");
            assertThat(sent.path("subject").asText()).isEqualTo(subject);
            JsonNode after = getJson("/api/v1/reports/weekly?period=" + week + "&format=json");
            MimeMessage[] all = greenMail.getReceivedMessages();
            assertThat(all.length).isGreaterThan(baseline);
            assertThat(after.path("total")).isEqualTo(before.path("total"));
            report[0] = after;
            mail[0] = all[all.length - 1];
        });
        JsonNode total = report[0].path("total");
        assertThat(total.path("received").asLong()).isGreaterThanOrEqualTo(codes.size());
        JsonNode ours = null;
        for (JsonNode r : report[0].path("rows")) {
            if (r.path("agencyCode").asText().equals(agency)) {
                ours = r;
            }
        }
        assertThat(ours).as("the agency of the differences has a line").isNotNull();
        assertThat(ours.path("procedureCode").asText()).isEqualTo("1.009901");
        assertThat(ours.path("reconciliationDifferences").asLong()).isEqualTo(3);
        assertThat(ours.path("reconciliationHealed").asLong()).isEqualTo(2);
        assertThat(total.path("reconciliationDifferences").asLong()).isGreaterThanOrEqualTo(3);

        MimeMessage m = mail[0];
        String rawSubject = m.getHeader("Subject")[0];
        assertThat(rawSubject).startsWith("=?UTF-8?");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(rawSubject))).isEqualTo(subject);
        assertThat(m.getSubject()).isEqualTo(subject);
        assertThat(Arrays.stream(m.getAllRecipients()).map(Object::toString)).containsExactly("tich-hop@localhost");

        String body = null;
        Map<String, byte[]> files = new LinkedHashMap<>();
        MimeMultipart parts = (MimeMultipart) m.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart p = parts.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()) || p.getFileName() != null) {
                try (InputStream in = p.getInputStream()) {
                    files.put(p.getFileName(), in.readAllBytes());
                }
            } else if (p.isMimeType("text/plain")) {
                body = (String) p.getContent();
            }
        }
        String file = "bao-cao-weekly-" + week;
        assertThat(files).containsOnlyKeys(file + ".xlsx", file + ".csv");
        assertThat(body).contains("Báo cáo tuần", "đến hết " + DATE.format(monday.plusDays(6)), "Tổng cộng:",
                "- Tiếp nhận: " + vi(total.path("received").asLong()) + " hồ sơ",
                "- Lỗi đồng bộ: " + vi(total.path("syncFailures").asLong()) + " lần gửi",
                "- Đối soát: " + vi(total.path("reconciliationDifferences").asLong()) + " sai lệch, "
                        + vi(total.path("reconciliationHealed").asLong()) + " đã tự khắc phục",
                "Tải báo cáo: http://localhost:" + PORT + "/api/v1/reports/weekly?period=" + week + "&format=xlsx");
        assertThat(WHOLE_NUMBER.matcher(m.getSubject() + "\n" + body).find()).as("no CCCD or phone whole").isFalse();

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(files.get(file + ".xlsx")))) {
            Sheet byProcedure = wb.getSheet("Theo thủ tục");
            assertThat(byProcedure.getRow(1).getCell(9).getStringCellValue()).isEqualTo("Sai lệch đối soát");
            assertThat(byProcedure.getRow(1).getCell(10).getStringCellValue()).isEqualTo("Sai lệch đã tự khắc phục");
            Row line = null;
            for (int i = 2; i < byProcedure.getLastRowNum(); i++) {
                if (byProcedure.getRow(i).getCell(0).getStringCellValue().equals(agency)) {
                    line = byProcedure.getRow(i);
                }
            }
            assertThat(line).isNotNull();
            assertThat(line.getCell(9).getNumericCellValue()).isEqualTo(3.0);
            assertThat(line.getCell(10).getNumericCellValue()).isEqualTo(2.0);
            for (Sheet sheet : List.of(byProcedure, wb.getSheet("Theo cơ quan"))) {
                Row last = sheet.getRow(sheet.getLastRowNum());
                assertThat(last.getCell(0).getStringCellValue()).isEqualTo("Tổng cộng");
                for (int c = 0; c < TOTALS.length; c++) {
                    if (TOTALS[c] != null) {
                        assertThat((long) last.getCell(2 + c).getNumericCellValue()).as(sheet.getSheetName() + " " + TOTALS[c])
                                .isEqualTo(total.path(TOTALS[c]).asLong());
                    }
                }
                assertThat(last.getCell(7).getNumericCellValue()).isEqualTo(total.path("onTimePercent").asDouble());
            }
        }
        String csv = new String(files.get(file + ".csv"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF\"Mã cơ quan\"").contains("\"Sai lệch đối soát\"", "\"" + agency + "\",\"1.009901\",0,0,0,0,0,100.0,0,3,2");

        JsonNode log = getJson("/api/v1/reports/mails?limit=20");
        assertThat(log.get(0).path("kind").asText()).isEqualTo("weekly");
        assertThat(log.get(0).path("period").asText()).isEqualTo(week);
        assertThat(log.get(0).path("trigger").asText()).isEqualTo("manual");
        assertThat(log.get(0).path("status").asText()).isEqualTo("SENT");
        assertThat(log.get(0).path("subject").asText()).isEqualTo(subject);
        assertThat(log.get(0).path("attachments")).hasSize(2);
        // the embedded default's mailbox shows the report mail's text and attachments too
        JsonNode box = getJson("/api/v1/alerts/mails");
        assertThat(box).anySatisfy(x -> {
            assertThat(x.path("subject").asText()).isEqualTo(subject);
            assertThat(x.path("body").asText()).contains("Tổng cộng:");
            assertThat(x.path("attachments").toString()).contains(file + ".xlsx", file + ".csv");
        });
    }

    @Test
    void theScheduleUsesTheCronOfTheSettingsAndMailsAPeriodOnce() throws Exception {
        for (String kind : List.of("weekly", "monthly")) {
            QuartzEndpoint q = (QuartzEndpoint) camel.getRoute("report-" + kind + "-mail").getEndpoint();
            assertThat(q.getCron()).isEqualTo(reportSettings.cronOf(kind));
            CronTrigger trigger = (CronTrigger) q.getComponent().getScheduler().getTrigger(q.getTriggerKey());
            assertThat(trigger.getCronExpression()).isEqualTo(reportSettings.cronOf(kind));
            assertThat(trigger.getTimeZone()).isEqualTo(TimeZone.getTimeZone(reportSettings.getTimeZone()));
        }
        assertThat(reportSettings.getWeeklyCron()).isEqualTo(env.getProperty("hub.reports.weekly-cron"));

        // what the Quartz route calls when it fires: last week's report, once however often it fires
        int baseline = greenMail.getReceivedMessages().length;
        ReportMailer.Outcome first = mailer.scheduled("weekly");
        ReportMailer.Outcome again = mailer.scheduled("weekly");
        LocalDate lastWeek = LocalDate.now(VN).minusWeeks(1);
        assertThat(first.period()).isEqualTo(lastWeek.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", lastWeek.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        assertThat(first.status()).isIn(ReportMailer.Status.SENT, ReportMailer.Status.ALREADY_SENT);
        assertThat(again.status()).isEqualTo(ReportMailer.Status.ALREADY_SENT);
        long scheduledMails = Arrays.stream(greenMail.getReceivedMessages()).skip(baseline).count();
        assertThat(scheduledMails).isEqualTo(first.status() == ReportMailer.Status.SENT ? 1 : 0);
        assertThat(getJson("/api/v1/reports/mails?limit=100")).filteredOn(r -> r.path("period").asText().equals(first.period())
                && r.path("trigger").asText().equals("scheduled") && r.path("status").asText().equals("SENT")).hasSize(1);
    }

    private static String vi(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n).replace(',', '.');
    }

    private long insertRun(Instant startedAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        OffsetDateTime t = startedAt.atOffset(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO reconciliation_run (state, trigger_kind, window_from, window_to, started_at, finished_at)
                VALUES ('DONE', 'manual', :from, :t, :t, :t)""", new MapSqlParameterSource("t", t).addValue("from", t.minusHours(48)),
                key, new String[] {"id"});
        return key.getKey().longValue();
    }

    private void difference(long run, String agency, String procedure, String category, boolean healed) {
        jdbc.update("""
                INSERT INTO reconciliation_difference (run_id, category, source, dossier_code, target, procedure_code, agency_code, healed)
                VALUES (:run, :category, 'province', :code, 'dvcqg', :procedure, :agency, :healed)""",
                new MapSqlParameterSource("run", run).addValue("category", category).addValue("code", agency + "-261130-" + category.length())
                        .addValue("procedure", procedure).addValue("agency", agency).addValue("healed", healed));
    }
}
