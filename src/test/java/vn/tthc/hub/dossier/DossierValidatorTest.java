package vn.tthc.hub.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DossierValidatorTest {
    static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");
    final DossierValidator validator = new DossierValidator(Set.of("2.000477", "1.001229")::contains,
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    static Dossier valid() {
        Instant submitted = NOW.minusSeconds(3600);
        return new Dossier("000.00.06.H56-261123-0001", "KHCN-1", 3L, "province", NOW, "000.00.06.H56", "Sở KH&CN",
                "2.000477", "Cấp Giấy chứng nhận đăng ký hoạt động KH&CN", "KHCN01", "Hoạt động KH&CN", "BN-1",
                new Dossier.Applicant("Nguyễn Thị Lan", "019190001234", 1, null, List.of(), "lan@example.vn", "0912345678", null,
                        "Thái Nguyên", null),
                "Đề nghị cấp giấy chứng nhận", submitted, submitted.plusSeconds(600), NOW.plusSeconds(86400 * 10), null, null, null,
                4, null, 0, "Phòng Quản lý khoa học", null, 2, "Một cửa", true, true, false, List.of(),
                List.of(new Dossier.Document("f1", "Đơn.pdf", "TP01", "https://x.vn/f1", false, true, false, false, null)),
                List.of(), List.of(new Dossier.Fee("LP01", "Phí", 1, 500000L, 1)),
                List.of(new Dossier.ProgressStep(submitted, "Hệ thống", "", "Cổng", "Nộp hồ sơ", 1, submitted, null),
                        new Dossier.ProgressStep(submitted.plusSeconds(600), "Trần Văn Bình", "Chuyên viên", "Một cửa", "Tiếp nhận", 2, null, null),
                        new Dossier.ProgressStep(submitted.plusSeconds(900), "Lê Thị Hoa", "Trưởng phòng", "QLKH", "Chuyển xử lý", 4, null, null)));
    }

    static Dossier with(java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> change) {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) CanonicalJson.toTree(valid());
        return CanonicalJson.fromJson(change.apply(tree).toString());
    }

    List<String> fields(Dossier d) {
        return validator.validate(d).stream().map(e -> e.field() + "/" + e.rule()).toList();
    }

    @Test
    void validDossierHasNoErrors() {
        assertThat(validator.validate(valid())).isEmpty();
    }

    @Test
    void codesAreChecked() {
        assertThat(fields(with(t -> t.put("code", "000.00.06.H56-261332-0001")))).contains("code/format");
        assertThat(fields(with(t -> t.put("code", "000.00.07.H56-261123-0001")))).contains("code/agency-prefix");
        assertThat(fields(with(t -> t.put("agencyCode", "00.00.06.H56")))).contains("agencyCode/format");
        assertThat(fields(with(t -> t.put("procedureCode", "2.000477.000.00.00.H56")))).contains("procedureCode/format");
        assertThat(fields(with(t -> t.put("procedureCode", "9.999999")))).contains("procedureCode/unknown");
    }

    @Test
    void rangesAndRequiredFields() {
        assertThat(fields(with(t -> t.put("status", 11)))).contains("status/range");
        assertThat(fields(with(t -> t.put("channel", 0)))).contains("channel/range");
        assertThat(fields(with(t -> t.put("summary", "")))).contains("summary/required");
        assertThat(fields(with(t -> t.put("summary", "x".repeat(1001))))).contains("summary/length");
        assertThat(fields(with(t -> { t.remove("submittedAt"); return t; }))).contains("submittedAt/required");
        assertThat(fields(with(t -> { t.remove("applicant"); return t; }))).contains("applicant/required");
    }

    @Test
    void applicantFormats() {
        assertThat(fields(with(t -> { t.with("applicant").put("idNumber", "12345"); return t; }))).contains("applicant.idNumber/format");
        assertThat(fields(with(t -> { t.with("applicant").put("idNumber", "123456789"); return t; }))).isEmpty();
        assertThat(fields(with(t -> { t.with("applicant").put("idNumber", "0101234567-001"); return t; }))).isEmpty();
        assertThat(fields(with(t -> { t.with("applicant").put("phone", "12345"); return t; }))).contains("applicant.phone/format");
        assertThat(fields(with(t -> { t.with("applicant").put("email", "no-at"); return t; }))).contains("applicant.email/format");
        assertThat(fields(with(t -> { t.with("applicant").put("type", 7); return t; }))).contains("applicant.type/range");
    }

    @Test
    void datesMustBeOrderedAndNotInTheFuture() {
        assertThat(fields(with(t -> t.put("submittedAt", NOW.plusSeconds(3600).toString())))).contains("submittedAt/future");
        assertThat(fields(with(t -> t.put("submittedAt", NOW.plusSeconds(60).toString())))).doesNotContain("submittedAt/future");
        assertThat(fields(with(t -> t.put("receivedAt", NOW.minusSeconds(7200).toString())))).contains("receivedAt/order");
        assertThat(fields(with(t -> { t.remove("receivedAt"); return t; }))).contains("receivedAt/required");
    }

    @Test
    void markupIsRefusedInText() {
        assertThat(fields(with(t -> t.put("summary", "Đề nghị <script>alert(1)</script>")))).contains("summary/markup");
        assertThat(fields(with(t -> { t.with("applicant").put("name", "<b>Lan</b>"); return t; }))).contains("applicant.name/markup");
        assertThat(fields(with(t -> t.put("summary", "Giá trị a < b và c > d")))).doesNotContain("summary/markup");
    }

    @Test
    void documentsNeedHttpUrls() {
        assertThat(fields(with(t -> { t.withArray("documents").addObject().put("name", "a.pdf").put("url", "file:///etc/passwd"); return t; })))
                .contains("documents[1].url/format");
    }

    @Test
    void progressStepsMustBeInTimeOrder() {
        assertThat(fields(with(t -> { ((com.fasterxml.jackson.databind.node.ObjectNode) t.withArray("progress").get(2))
                .put("at", NOW.minusSeconds(7200).toString()); return t; }))).contains("progress[2].at/order");
    }

    @Test
    void transitionsFollowTheStatusTable() {
        Dossier d = valid();
        assertThat(validator.validateTransition(null, d, 0)).isEmpty();
        assertThat(validator.validateTransition(2, d, 2)).isEmpty();
        assertThat(validator.validateTransition(10, d, 2)).extracting(FieldError::rule).containsExactly("transition");
        assertThat(validator.validateTransition(10, d, 3)).extracting(FieldError::field).containsExactly("status");
        // steps 1→2→4 inside one version are a legal chain even when only the end is new to the hub
        assertThat(validator.validateTransition(1, d, 1)).isEmpty();
    }

    @Test
    void statusTable() {
        assertThat(Status.canMove(1, 2)).isTrue();
        assertThat(Status.canMove(4, 5)).isTrue();
        assertThat(Status.canMove(5, 4)).isTrue();
        assertThat(Status.canMove(9, 10)).isTrue();
        assertThat(Status.canMove(10, 4)).isFalse();
        assertThat(Status.canMove(2, 9)).isFalse();
        assertThat(Status.canMove(3, 3)).isTrue();
        assertThat(Status.canReach(2, 9)).isTrue();
        assertThat(Status.canReach(5, 10)).isTrue();
        assertThat(Status.canReach(9, 4)).isFalse();
        assertThat(Status.canReach(10, 2)).isFalse();
        assertThat(Status.canReach(3, 4)).isFalse();
    }

    @Test
    void contentHashIgnoresRevisionAndUpdateTime() {
        Dossier a = valid();
        Dossier b = with(t -> t.put("version", 9).put("updatedAt", NOW.plusSeconds(5).toString()));
        Dossier c = with(t -> t.put("note", "khác"));
        assertThat(CanonicalJson.contentHash(a)).isEqualTo(CanonicalJson.contentHash(b)).isNotEqualTo(CanonicalJson.contentHash(c));
    }

    @Test
    void canonicalReadingIsStrictAboutTypes() {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) CanonicalJson.toTree(valid());
        tree.put("status", "4");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanonicalJson.fromTree(tree))
                .isInstanceOfSatisfying(CanonicalJson.InvalidCanonicalException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("status"));
        tree.put("status", 4).put("surprise", 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanonicalJson.fromTree(tree))
                .isInstanceOfSatisfying(CanonicalJson.InvalidCanonicalException.class,
                        e -> assertThat(e.errors().get(0).rule()).isEqualTo("unknown-field"));
    }
}
