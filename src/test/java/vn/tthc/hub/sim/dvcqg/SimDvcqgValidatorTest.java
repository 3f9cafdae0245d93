package vn.tthc.hub.sim.dvcqg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.CODE;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.UNIT;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.dossier;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.step;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Checks every portal validation rule with a failing case whose message names the field and rule. */
class SimDvcqgValidatorTest {

    private final DvcqgValidator validator = new DvcqgValidator();

    private AbstractThrowableAssert<?, ? extends Throwable> dossierFails(Consumer<ObjectNode> change) {
        ObjectNode item = dossier(CODE, "2");
        change.accept(item);
        return assertThatThrownBy(() -> validator.validateDossier(item, "data[0]", UNIT))
                .isInstanceOf(DvcqgError.class)
                .satisfies(e -> assertThat(((DvcqgError) e).errorCode()).isEqualTo(-1));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> stepFails(Consumer<ObjectNode> change) {
        ObjectNode s = step(CODE, "20240115090000", "2");
        change.accept(s);
        return assertThatThrownBy(() -> validator.validateStep(s, "data[3]", UNIT)).isInstanceOf(DvcqgError.class);
    }

    @Test
    void validItemAndStepPass() {
        assertThatCode(() -> validator.validateDossier(dossier(CODE, "2"), "data[0]", UNIT)).doesNotThrowAnyException();
        assertThatCode(() -> validator.validateStep(step(CODE, "20240115090000", "2"), "data[0]", UNIT))
                .doesNotThrowAnyException();
    }

    @Test
    void numbersBooleansAndNullsAreNotStrings() {
        dossierFails(d -> d.put("TrangThaiHoSo", 2)).hasMessage("data[0].TrangThaiHoSo: phải là chuỗi (string), không nhận kiểu number");
        dossierFails(d -> d.put("HoSoCoThanhPhanSoHoa", true)).hasMessageStartingWith("data[0].HoSoCoThanhPhanSoHoa: phải là chuỗi");
        dossierFails(d -> d.putNull("GhiChu")).hasMessageStartingWith("data[0].GhiChu: phải là chuỗi");
        dossierFails(d -> d.putObject("DonViXuLy")).hasMessageStartingWith("data[0].DonViXuLy: phải là chuỗi");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "TrichYeuHoSo", "NgayNopHoSo", "TrangThaiHoSo", "KenhThucHien"})
    void requiredFieldsMustBePresentAndNonEmpty(String field) {
        dossierFails(d -> d.remove(field)).hasMessage("data[0]." + field + ": bắt buộc, không được để trống");
        dossierFails(d -> d.put(field, " ")).hasMessage("data[0]." + field + ": bắt buộc, không được để trống");
    }

    @Test
    void summaryIsAtMost1000Characters() {
        assertThatCode(() -> validator.validateDossier(dossier(CODE, "2").put("TrichYeuHoSo", "ă".repeat(1000)), "data[0]", UNIT))
                .doesNotThrowAnyException();
        dossierFails(d -> d.put("TrichYeuHoSo", "ă".repeat(1001))).hasMessage("data[0].TrichYeuHoSo: vượt quá 1000 ký tự");
    }

    @ParameterizedTest
    @CsvSource({
        "NgayNopHoSo,2024-01-15 08:30",
        "NgayNopHoSo,2024011508300",
        "NgayTiepNhan,20240230090000",
        "NgayHenTra,20240115250000",
        "NgayTuChoi,2024011509000a",
        "NgayKetThucXuLy,20241315090000",
        "NgayTra,202401150900001"
    })
    void datesAreEmptyOr14DigitsOfARealDateTime(String field, String value) {
        dossierFails(d -> d.put(field, value)).hasMessage("data[0]." + field + ": sai định dạng yyyyMMddHHmmss");
    }

    @Test
    void optionalDatesMayBeEmpty() {
        assertThatCode(() -> validator.validateDossier(dossier(CODE, "2").put("NgayTiepNhan", ""), "data[0]", UNIT))
                .doesNotThrowAnyException();
    }

    @Test
    void procedureCodeMustBeNational() {
        dossierFails(d -> d.put("MaTTHC", "2.000477.000.00.00.H56")).hasMessageStartingWith("data[0].MaTTHC: phải là mã TTHC quốc gia");
        dossierFails(d -> d.put("MaTTHC", "2000477")).hasMessageStartingWith("data[0].MaTTHC:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000.00.06.H56-240115-001", "000.00.06.h56-240115-0001", "00.00.06.H56-240115-0001",
        "000.00.06.H56-241315-0001", "000.00.06.H56_240115_0001"})
    void dossierCodeFollowsAgencyDateCounter(String code) {
        dossierFails(d -> d.put("MaHoSo", code)).hasMessageStartingWith("data[0].MaHoSo: sai định dạng");
    }

    @Test
    void dossierCodeMustCarryTheCallersUnit() {
        dossierFails(d -> d.put("MaHoSo", "000.00.07.H56-240115-0001"))
                .hasMessageContaining("data[0].MaHoSo: mã đơn vị trong mã hồ sơ (000.00.07.H56) không khớp madonvi (000.00.06.H56)");
    }

    @ParameterizedTest
    @CsvSource({
        "TrangThaiHoSo,0", "TrangThaiHoSo,11", "TrangThaiHoSo,01",
        "KenhThucHien,0", "KenhThucHien,4",
        "LoaiDoiTuong,5", "LoaiDoiTuong,0",
        "HoSoCoThanhPhanSoHoa,2", "HoSoCoThanhPhanSoHoa,true",
        "TaiKhoanDuocXacThucVoiVNeID,yes",
        "HinhThuc,2"
    })
    void closedValueSetsAreEnforced(String field, String value) {
        dossierFails(d -> d.put(field, value)).hasMessageStartingWith("data[0]." + field + ": giá trị không hợp lệ");
    }

    @Test
    void closedValueSetsAcceptEmptyWhereAllowed() {
        ObjectNode d = dossier(CODE, "10").put("LoaiDoiTuong", "").put("HoSoCoThanhPhanSoHoa", "")
                .put("TaiKhoanDuocXacThucVoiVNeID", "").put("KenhThucHien", "3");
        assertThatCode(() -> validator.validateDossier(d, "data[0]", UNIT)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TaiLieuNop", "DanhSachGiayToKetQua", "DanhSachLePhi", "DinhDanhCHS", "DSKetNoiCSDL",
        "DanhSachTepDinhKemKhac", "DanhSachHoSoBoSung"})
    void arrayFieldsMustBeArraysOfObjects(String field) {
        dossierFails(d -> d.put(field, "x")).hasMessage("data[0]." + field + ": phải là mảng JSON");
        dossierFails(d -> d.putArray(field).add("x")).hasMessage("data[0]." + field + "[0]: phải là một đối tượng JSON");
    }

    @Test
    void scalarsInsideArraysAreStrings() {
        dossierFails(d -> d.putArray("DanhSachLePhi").addObject().put("Gia", 50000))
                .hasMessageStartingWith("data[0].DanhSachLePhi[0].Gia: phải là chuỗi");
        dossierFails(d -> ((ObjectNode) d.get("DinhDanhCHS").get(0)).put("LoaiDinhDanh", 1))
                .hasMessageStartingWith("data[0].DinhDanhCHS[0].LoaiDinhDanh: phải là chuỗi");
        dossierFails(d -> d.putArray("DanhSachHoSoBoSung").addObject().putArray("TaiLieuNop").addObject().put("IsDeleted", false))
                .hasMessageStartingWith("data[0].DanhSachHoSoBoSung[0].TaiLieuNop[0].IsDeleted: phải là chuỗi");
    }

    @Test
    void submittedDocumentsNeedNameUrlAndTrueFalseFlag() {
        dossierFails(d -> ((ObjectNode) d.get("TaiLieuNop").get(0)).remove("TenTepDinhKem"))
                .hasMessage("data[0].TaiLieuNop[0].TenTepDinhKem: bắt buộc, không được để trống");
        dossierFails(d -> ((ObjectNode) d.get("TaiLieuNop").get(0)).put("DuongDanTaiTepTin", ""))
                .hasMessage("data[0].TaiLieuNop[0].DuongDanTaiTepTin: bắt buộc, không được để trống");
        dossierFails(d -> ((ObjectNode) d.get("TaiLieuNop").get(0)).put("DuongDanTaiTepTin", "JVBERi0xLjQKJcfs"))
                .hasMessageStartingWith("data[0].TaiLieuNop[0].DuongDanTaiTepTin: phải là đường dẫn http(s)");
        dossierFails(d -> ((ObjectNode) d.get("TaiLieuNop").get(0)).put("IsDeleted", "true"))
                .hasMessage("data[0].TaiLieuNop[0].IsDeleted: chỉ nhận \"True\" hoặc \"False\"");
    }

    @Test
    void itemMustBeAnObject() {
        assertThatThrownBy(() -> validator.validateDossier(JsonNodeFactory.instance.textNode("x"), "data[2]", UNIT))
                .hasMessage("data[2]: phải là một đối tượng JSON");
    }

    @Test
    void stepRules() {
        stepFails(s -> s.put("NguoiXuLy", "a".repeat(51))).hasMessage("data[3].NguoiXuLy: vượt quá 50 ký tự");
        stepFails(s -> s.remove("ThoiDiemXuLy")).hasMessage("data[3].ThoiDiemXuLy: bắt buộc, không được để trống");
        stepFails(s -> s.put("ThoiDiemXuLy", "15/01/2024")).hasMessage("data[3].ThoiDiemXuLy: sai định dạng yyyyMMddHHmmss");
        stepFails(s -> s.put("NoiDungXuLy", "")).hasMessage("data[3].NoiDungXuLy: bắt buộc, không được để trống");
        stepFails(s -> s.put("TrangThai", "11")).hasMessageStartingWith("data[3].TrangThai: giá trị không hợp lệ");
        stepFails(s -> s.put("TrangThai", 4)).hasMessageStartingWith("data[3].TrangThai: phải là chuỗi");
        stepFails(s -> s.put("NgayBatDau", "2024")).hasMessage("data[3].NgayBatDau: sai định dạng yyyyMMddHHmmss");
        stepFails(s -> s.put("NgayKetThucTheoQuyDinh", "20240231000000"))
                .hasMessage("data[3].NgayKetThucTheoQuyDinh: sai định dạng yyyyMMddHHmmss");
        stepFails(s -> s.put("ChucDanh", 1)).hasMessageStartingWith("data[3].ChucDanh: phải là chuỗi");
        stepFails(s -> s.put("MaHoSo", "000.00.09.H56-240115-0001")).hasMessageContaining("không khớp madonvi");
    }
}
