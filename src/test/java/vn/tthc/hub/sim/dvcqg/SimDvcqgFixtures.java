package vn.tthc.hub.sim.dvcqg;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import vn.tthc.hub.sim.common.SimJson;

/** Shared test data for the portal simulator: a valid dossier item, a valid step, requests, a settable clock. */
final class SimDvcqgFixtures {

    static final String UNIT = "000.00.06.H56";
    static final String CODE = UNIT + "-240115-0001";
    static final String USER = "hub-user";
    static final String PASSWORD = "s3cret-Pa55";
    static final String DSTCODE = "DVCQG";
    static final String JSON = "application/json";

    private SimDvcqgFixtures() {
    }

    static DvcqgConfig config() {
        return new DvcqgConfig(USER, PASSWORD, DSTCODE, 1_800_000, 10, 4 * 1024 * 1024, Path.of("mappings"));
    }

    /** A dossier item every portal rule accepts. */
    static ObjectNode dossier(String code, String status) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("MaHoSo", code);
        d.put("MaTTHC", "2.000477");
        d.put("TenTTHC", "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ");
        d.put("MaLinhVuc", "KHCN01");
        d.put("TenLinhVuc", "Hoạt động khoa học và công nghệ");
        d.put("SoBienNhan", "BN-0001");
        d.put("ChuHoSo", "Nguyễn Văn An");
        d.put("SoGiayToChuHoSo", "079123456789");
        d.put("LoaiDoiTuong", "1");
        d.put("MaDoiTuong", "");
        d.put("SoDienThoai", "0912345678");
        d.put("Email", "an.nguyen@example.vn");
        d.put("TrichYeuHoSo", "Đề nghị cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ");
        d.put("NgayNopHoSo", "20240115083000");
        d.put("NgayTiepNhan", "20240115090000");
        d.put("NgayHenTra", "20240205170000");
        d.put("TrangThaiHoSo", status);
        d.put("NgayTuChoi", "");
        d.put("NgayKetThucXuLy", "");
        d.put("NgayTra", "");
        d.put("HinhThuc", "0");
        d.put("DonViXuLy", "Sở Khoa học và Công nghệ");
        d.put("KenhThucHien", "2");
        d.put("HoSoCoThanhPhanSoHoa", "1");
        d.put("TaiKhoanDuocXacThucVoiVNeID", "1");
        ArrayNode ids = d.putArray("DinhDanhCHS");
        ObjectNode id = ids.addObject();
        id.put("LoaiDinhDanh", "1");
        id.put("SoDinhDanh", "079123456789");
        ArrayNode docs = d.putArray("TaiLieuNop");
        ObjectNode doc = docs.addObject();
        doc.put("TepDinhKemId", "f-1");
        doc.put("TenTepDinhKem", "Đơn đề nghị.pdf");
        doc.put("IsDeleted", "False");
        doc.put("MaThanhPhanHoSo", "TP01");
        doc.put("DuongDanTaiTepTin", "https://files.example.vn/f-1");
        d.putArray("DanhSachGiayToKetQua");
        d.putArray("DanhSachLePhi");
        d.putArray("DSKetNoiCSDL").addObject().put("MaCSDL", "CSDLQGDC");
        return d;
    }

    static ObjectNode step(String code, String at, String status) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("MaHoSo", code);
        s.put("NguoiXuLy", "Trần Thị Bình");
        s.put("ChucDanh", "Chuyên viên");
        s.put("ThoiDiemXuLy", at);
        s.put("PhongBanXuLy", "Bộ phận một cửa");
        s.put("NoiDungXuLy", "Tiếp nhận hồ sơ");
        s.put("TrangThai", status);
        s.put("NgayBatDau", at);
        s.put("NgayKetThucTheoQuyDinh", "");
        return s;
    }

    static ObjectNode call(String session, String service) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("session", session);
        r.put("madonvi", UNIT);
        r.put("service", service);
        return r;
    }

    static ObjectNode sync(String session, boolean updating, ObjectNode... items) {
        ObjectNode r = call(session, "DongBoHoSoMC");
        r.put("isUpdating", updating ? "True" : "False");
        ArrayNode data = r.putArray("data");
        for (ObjectNode i : items) {
            data.add(i);
        }
        return r;
    }

    static ObjectNode progress(String session, ObjectNode... steps) {
        ObjectNode r = call(session, "CapNhatTienDoHoSoMC");
        ArrayNode data = r.putArray("data");
        for (ObjectNode s : steps) {
            data.add(s);
        }
        return r;
    }

    static byte[] bytes(Object json) {
        return (json instanceof String s ? s : SimJson.write(json)).getBytes(StandardCharsets.UTF_8);
    }

}
