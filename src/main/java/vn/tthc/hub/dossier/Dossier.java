package vn.tthc.hub.dossier;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The canonical dossier: one version of a dossier as the hub understands it, independent of any
 * partner's format. Sources map into it (mappings/&lt;source&gt;/…-to-canonical), targets map out
 * of it. Field meanings follow the portal's DongBoHoSoMC (see PARTNERS.md); names are English.
 *
 * @param code            national dossier code (MaHoSo), {agencyCode}-{yyMMdd}-{NNNN}
 * @param localCode       the source system's own code, when it differs
 * @param version         the source's revision of this dossier; grows with every change
 * @param procedureCode   national procedure code d.dddddd (never the province-local variant)
 * @param status          TrangThaiHoSo 1–10 (see {@link Status})
 * @param channel         KenhThucHien: 1 in person, 2 online, 3 public postal
 * @param returnMethod    HinhThuc: 0 direct, 1 postal
 * @param progress        the whole processing history, oldest first; each step is one transition
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dossier(
        String code,
        String localCode,
        Long version,
        String source,
        Instant updatedAt,
        String agencyCode,
        String agencyName,
        String procedureCode,
        String procedureName,
        String sectorCode,
        String sectorName,
        String receiptNumber,
        Applicant applicant,
        String summary,
        Instant submittedAt,
        Instant receivedAt,
        Instant dueAt,
        Instant rejectedAt,
        Instant finishedAt,
        Instant returnedAt,
        Integer status,
        String returnInfo,
        Integer returnMethod,
        String processingUnit,
        String note,
        Integer channel,
        String submissionPlace,
        Boolean digitized,
        Boolean vneidVerified,
        Boolean paidOnline,
        List<String> connectedDatabases,
        List<Document> documents,
        List<Result> results,
        List<Fee> fees,
        List<ProgressStep> progress) {

    /** The applicant (chủ hồ sơ). {@code idNumber} and {@code phone} are personal data: never log them whole. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Applicant(
            String name,
            String idNumber,
            Integer type,
            String accountId,
            List<Identifier> identifiers,
            String email,
            String phone,
            String fax,
            String address,
            String otherInfo) {
    }

    /** One identity document of the applicant (DinhDanhCHS). */
    public record Identifier(String type, String number) {
    }

    /** A submitted component (TaiLieuNop); files are referenced by URL, never inlined. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(
            String fileId,
            String name,
            String componentCode,
            String url,
            Boolean deleted,
            Boolean digitized,
            Boolean reused,
            Boolean fromNationalRepository,
            String replacedResultCode) {
    }

    /** A result document (DanhSachGiayToKetQua). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String id, String name, String componentCode, String url, String resultCode) {
    }

    /** A fee or charge (DanhSachLePhi); amount in VND. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fee(String code, String name, Integer method, Long amount, Integer type) {
    }

    /** One processing step (CapNhatTienDoHoSoMC item): who did what, when, and the status it led to. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgressStep(
            Instant at,
            String actor,
            String actorTitle,
            String department,
            String action,
            Integer status,
            Instant startAt,
            Instant dueAt) {
    }
}
