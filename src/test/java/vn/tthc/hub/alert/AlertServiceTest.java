package vn.tthc.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.ManualClock;
import vn.tthc.hub.sync.DeliveryListener.DeadDelivery;

/** Incident detection, deduplication, recovery, throttle, the reconciliation hook and masking, on a hand-moved clock. */
class AlertServiceTest {
    static final Instant T0 = Instant.parse("2026-12-03T03:02:00Z"); // 10:02 in Vietnam
    final ManualClock clock = new ManualClock(T0);
    final AlertStore store = mock(AlertStore.class);
    final List<AlertMail> sent = new ArrayList<>();
    AlertProperties props;
    AlertService service;

    @BeforeEach
    void setUp() {
        props = new AlertProperties();
        props.setRecipients(new ArrayList<>(List.of("truc@localhost")));
        when(store.backlog(anyString())).thenReturn(new int[] {0, 0});
        build();
    }

    void build() {
        // the sender runs in the caller's thread, so each call's mails are visible when it returns
        service = new AlertService(props, store, sent::add, clock, Runnable::run);
    }

    void portalFailingSince(Instant since, int dossiers) {
        when(store.partnerStatuses(any())).thenReturn(List.of(new PartnerStatus("dvcqg", null, since, "HTTP 503: busy", 503, dossiers, dossiers)));
    }

    @Test
    void aPartnerFailingPastTheThresholdIsOneIncident() {
        portalFailingSince(T0, 37);
        clock.advance(Duration.ofMinutes(9));
        service.checkPartners();
        assertThat(sent).as("below the 10-minute threshold").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        service.checkPartners();
        clock.advance(Duration.ofMinutes(1));
        service.checkPartners();
        service.checkPartners();
        assertThat(sent).hasSize(1);
        AlertMail m = sent.get(0);
        assertThat(m.kind()).isEqualTo(AlertMail.Kind.INCIDENT);
        assertThat(m.subject()).contains("Cổng DVCQG", "37 hồ sơ", "10:02 03/12/2026");
        assertThat(m.recipients()).containsExactly("truc@localhost");
        assertThat(m.incidentKey()).isEqualTo("dvcqg/*/failing");
        assertThat(service.openIncidents()).hasSize(1);
        verify(store).logMail(any(), eq(m.to(List.of())), eq("SENT"), eq(List.of("truc@localhost")), eq(null));
    }

    @Test
    void aSingleFailureWithNothingLeftToRetryIsNoIncident() {
        when(store.partnerStatuses(any())).thenReturn(List.of(new PartnerStatus("dvcqg", null, T0, "HTTP 503", 503, 0, 0)));
        clock.advance(Duration.ofHours(1));
        service.checkPartners();
        assertThat(sent).isEmpty();
    }

    @Test
    void thresholdAndRecipientsPerPartner() {
        AlertProperties.Overrides o = new AlertProperties.Overrides();
        o.setFailingAfter(Duration.ofMinutes(2));
        o.setRecipients(List.of("cong-dvcqg@localhost"));
        props.getPartners().put("dvcqg", o);
        build();
        portalFailingSince(T0, 3);
        clock.advance(Duration.ofMinutes(2));
        service.checkPartners();
        assertThat(sent).singleElement().satisfies(m -> assertThat(m.recipients()).containsExactly("truc@localhost", "cong-dvcqg@localhost"));
    }

    @Test
    void theFirstSuccessAfterAnIncidentIsOneRecoveredMailAndClosesIt() {
        portalFailingSince(T0, 37);
        clock.advance(Duration.ofMinutes(12));
        service.checkPartners();
        Instant ok = clock.instant().plusSeconds(5);
        clock.advance(Duration.ofSeconds(30));
        // answering again, with 30 deliveries still failing: the recovered mail waits for them
        when(store.partnerStatuses(any())).thenReturn(List.of(new PartnerStatus("dvcqg", ok, null, null, null, 30, 30)));
        service.checkPartners();
        assertThat(sent).hasSize(1);
        when(store.partnerStatuses(any())).thenReturn(List.of(new PartnerStatus("dvcqg", ok.plusSeconds(5), null, null, null, 0, 0)));
        when(store.deliveredSince("dvcqg", T0)).thenReturn(37);
        service.checkPartners();
        service.checkPartners();
        assertThat(sent).hasSize(2);
        AlertMail r = sent.get(1);
        assertThat(r.kind()).isEqualTo(AlertMail.Kind.RECOVERED);
        assertThat(r.subject()).isEqualTo("[tthc-hub] Cổng DVCQG đã hoạt động trở lại — 37 hồ sơ đã đồng bộ");
        assertThat(r.incidentId()).isEqualTo(sent.get(0).incidentId());
        assertThat(service.openIncidents()).isEmpty();

        // failing again later is a new incident, mailed again
        Instant again = clock.instant();
        portalFailingSince(again, 5);
        clock.advance(Duration.ofMinutes(10));
        service.checkPartners();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).incidentId()).isNotEqualTo(sent.get(0).incidentId());
    }

    @Test
    void anIncidentKeptInTheDatabaseIsNotMailedAgainAfterARestartAndItsRecoveryIsMailedOnce() {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:incidents-restart;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        org.flywaydb.core.Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();
        org.flywaydb.core.Flyway.configure().dataSource(ds).load().migrate();
        var jdbc = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(ds);
        service = new AlertService(props, store, sent::add, clock, Runnable::run, new JdbcIncidentBook(jdbc));
        portalFailingSince(T0, 37);
        clock.advance(Duration.ofMinutes(12));
        service.checkPartners();
        assertThat(sent).hasSize(1);

        // the hub restarts (or a second instance checks too) while the portal still fails
        AlertService restarted = new AlertService(props, store, sent::add, clock, Runnable::run, new JdbcIncidentBook(jdbc));
        AlertService second = new AlertService(props, store, sent::add, clock, Runnable::run, new JdbcIncidentBook(jdbc));
        clock.advance(Duration.ofMinutes(1));
        restarted.checkPartners();
        second.checkPartners();
        assertThat(sent).as("still one incident mail").hasSize(1);
        assertThat(restarted.openIncidents()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(sent.get(0).incidentId()));

        when(store.partnerStatuses(any())).thenReturn(List.of(new PartnerStatus("dvcqg", clock.instant(), null, null, null, 0, 0)));
        when(store.deliveredSince("dvcqg", T0)).thenReturn(37);
        restarted.checkPartners();
        second.checkPartners();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).kind()).isEqualTo(AlertMail.Kind.RECOVERED);
        assertThat(sent.get(1).incidentId()).isEqualTo(sent.get(0).incidentId());
        assertThat(second.openIncidents()).isEmpty();
    }

    @Test
    void aRecoveredMailIsSentAtTheLatestAfterTheWaitEvenWithABacklog() {
        portalFailingSince(T0, 37);
        clock.advance(Duration.ofMinutes(12));
        service.checkPartners();
        Instant ok = clock.instant();
        when(store.partnerStatuses(any())).thenReturn(List.of(new PartnerStatus("dvcqg", ok, null, null, null, 30, 30)));
        when(store.backlog("dvcqg")).thenReturn(new int[] {30, 30});
        service.checkPartners();
        clock.advance(Duration.ofMinutes(1));
        service.checkPartners();
        assertThat(sent).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        service.checkPartners();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).body()).contains("Số hồ sơ còn chờ gửi: 30");
    }

    @Test
    void deadDeliveriesAreOneIncidentPerPartnerProcedureAndErrorClass() {
        when(store.procedureOf("province", "A")).thenReturn(Optional.of("1.001229"));
        when(store.procedureOf("province", "B")).thenReturn(Optional.of("1.001229"));
        when(store.procedureOf("province", "C")).thenReturn(Optional.of("2.000123"));
        service.onDead(dead("A", 400, "error_code -1: rejected"));
        service.onDead(dead("B", 400, "error_code -1: rejected"));
        service.onDead(dead("B", 400, "error_code -1: rejected"));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).incidentKey()).isEqualTo("dvcqg/1.001229/dead-http-400");
        assertThat(sent.get(0).body()).contains("Hồ sơ đầu tiên: A", "Thủ tục: 1.001229", "hàng đợi lỗi");
        service.onDead(dead("A", 500, "HTTP 500"));       // another error class
        service.onDead(dead("C", 400, "rejected"));       // another procedure
        assertThat(sent).hasSize(3);
        // quiet for the configured hour: the same kind again is a new incident
        clock.advance(Duration.ofMinutes(61));
        service.onDead(dead("A", 400, "error_code -1: rejected"));
        assertThat(sent).hasSize(4);
    }

    @Test
    void eachRecipientGetsAtMostNMailsAnHour() {
        props.setMaxPerHour(2);
        build();
        for (String code : List.of("A", "B", "C")) {
            when(store.procedureOf("province", code)).thenReturn(Optional.of("1.00000" + code.charAt(0) % 10));
            service.onDead(dead(code, 400, "rejected"));
        }
        assertThat(sent).hasSize(2);
        verify(store).logMail(any(), any(), eq("THROTTLED"), eq(List.of("truc@localhost")), eq(null));
        clock.advance(Duration.ofMinutes(61));
        when(store.procedureOf("province", "D")).thenReturn(Optional.of("9.999999"));
        service.onDead(dead("D", 400, "rejected"));
        assertThat(sent).hasSize(3);
    }

    @Test
    void theThrottleCountsEachRecipientOnItsOwn() {
        RecipientThrottle t = new RecipientThrottle(clock, 1);
        assertThat(t.admit(List.of("a@x", "b@x"))).containsExactly("a@x", "b@x");
        assertThat(t.admit(List.of("A@x", "c@x"))).containsExactly("c@x");
        clock.advance(Duration.ofMinutes(59));
        assertThat(t.admit(List.of("a@x"))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(t.admit(List.of("a@x"))).containsExactly("a@x");
    }

    @Test
    void unhealedReconciliationDifferencesAreOneMailPerRun() {
        service.unhealedDifferences("R-20261203", "dvcqg", 12, 12, 0);
        assertThat(sent).as("everything healed: nothing to tell").isEmpty();
        service.unhealedDifferences("R-20261204", "dvcqg", 12, 9, 3);
        service.unhealedDifferences("R-20261204", "dvcqg", 12, 9, 3);
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("[tthc-hub] Đối soát R-20261204: 3 sai lệch với Cổng DVCQG chưa tự khắc phục");
            assertThat(m.body()).contains("Sai lệch phát hiện: 12", "Đã tự khắc phục: 9", "Cần người xử lý: 3");
            assertThat(m.dossiers()).isEqualTo(3);
        });
    }

    @Test
    void aCccdOrPhoneInAnErrorNeverAppearsWholeInAMail() {
        String canary = "rejected: CCCD-079123456789 SoDienThoai=0912345678 \"0987.654.321\"";
        service.onDead(dead("A", null, canary));
        portalFailingSince(T0, 1);
        when(store.partnerStatuses(any())).thenReturn(List.of(new PartnerStatus("emc", null, T0, canary, null, 1, 1)));
        clock.advance(Duration.ofMinutes(10));
        service.checkPartners();
        assertThat(sent).hasSize(2);
        for (AlertMail m : sent) {
            assertThat(m.subject() + m.body()).doesNotContain("079123456789", "0912345678", "0987.654.321", "987654321")
                    .contains("*********789");
        }
    }

    @Test
    void aQuietNightIsOneLine() {
        when(store.dayByPartner(any(), any())).thenReturn(List.of(new AlertComposer.DayCounts("dvcqg", 120, 0, 0),
                new AlertComposer.DayCounts("emc", 118, 0, 0)));
        when(store.dayByDepartment(any(), any())).thenReturn(List.of(new AlertComposer.DayCounts("000.00.06.H56", 238, 0, 0)));
        service.morningDigest();
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(AlertMail.Kind.DIGEST);
            assertThat(m.subject()).isEqualTo("[tthc-hub] Bản tổng hợp buổi sáng 03/12/2026: không có sự cố");
            assertThat(m.body()).contains("Đêm qua yên ổn", "- Cổng DVCQG: 120 đã đồng bộ, 0 lỗi sẽ gửi lại, 0 đã dừng",
                    "- 000.00.06.H56: 238 đã đồng bộ");
        });
    }

    @Test
    void theDigestNamesTheFailingPartnerAndGoesToOverridesToo() {
        AlertProperties.Overrides dep = new AlertProperties.Overrides();
        dep.setRecipients(List.of("vanphong@localhost"));
        props.getDepartments().put("000.00.06.H56", dep);
        build();
        portalFailingSince(T0, 4);
        clock.advance(Duration.ofMinutes(10));
        service.checkPartners();
        sent.clear();
        when(store.dayByPartner(any(), any())).thenReturn(List.of(new AlertComposer.DayCounts("dvcqg", 10, 4, 1)));
        when(store.dayByDepartment(any(), any())).thenReturn(List.of(new AlertComposer.DayCounts("000.00.06.H56", 10, 4, 1)));
        service.morningDigest();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).subject()).endsWith("1 hệ thống đang gặp sự cố, 1 hồ sơ đã dừng");
        assertThat(sent.get(0).body()).contains("đang gặp sự cố từ 03/12/2026 10:02").doesNotContain("Đêm qua yên ổn");
        assertThat(sent.get(1).recipients()).containsExactly("vanphong@localhost");
        assertThat(sent.get(1).department()).isEqualTo("000.00.06.H56");
    }

    @Test
    void disabledSendsNothing() {
        props.setEnabled(false);
        build();
        portalFailingSince(T0, 1);
        clock.advance(Duration.ofHours(1));
        service.checkPartners();
        service.onDead(dead("A", 400, "x"));
        service.morningDigest();
        assertThat(sent).isEmpty();
        verify(store, never()).logMail(any(), any(), any(), any(), any());
    }

    DeadDelivery dead(String code, Integer http, String error) {
        return new DeadDelivery(1, "province", code, 1, "dvcqg", 15, http, error, clock.instant());
    }
}
