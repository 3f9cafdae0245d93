package vn.tthc.hub.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiTest {
    @Test
    void masksIdentityNumbersAndPhonesInText() {
        String masked = Pii.maskText("CCCD 019190001234, CMND 123456789, ĐT 0912345678, +84912345678, 091 234 5678");
        assertThat(masked).doesNotContain("019190001234", "123456789", "0912345678", "+84912345678", "091 234 5678");
        assertThat(masked).contains("*********234", "******678");
    }

    @Test
    void masksPhonesWrittenInGroupsAndNumbersAfterAGluedLabel() {
        for (String phone : new String[] {"+84 912 345 678", "+84.912.345.678", "0 912 345 678", "0912-345-678",
                "+84-912-345-678", "091.234.5678"}) {
            String masked = Pii.maskText("goi " + phone + " nhe");
            assertThat(masked).as(phone).doesNotContain(phone).endsWith("678 nhe");
        }
        assertThat(Pii.maskText("CCCD001234567890 da xac minh")).doesNotContain("001234567890").contains("*********890");
    }

    @Test
    void leavesCodesAndDatesAlone() {
        String text = "dossier 000.00.06.H56-231027-0361 at 20261123153000, procedure 2.000477, id f-001, 2026-11-23, 1733212800123 ms";
        assertThat(Pii.maskText(text)).isEqualTo(text);
        assertThat(Pii.maskText("port 8080 and 500000 VND")).isEqualTo("port 8080 and 500000 VND");
    }

    @Test
    void masksNames() {
        assertThat(Pii.maskName("Nguyễn Thị Lan")).isEqualTo("N. T. Lan");
        assertThat(Pii.maskNumber("019190001234")).isEqualTo("*********234");
    }

    @Test
    void masksNumbersByTokenBoundariesWherever_theyStand() {
        String cccd = "079123456789";
        String cmnd = "123456789";
        String phone = "0912345678";
        for (String number : new String[] {cccd, cmnd, phone, "+84912345678"}) {
            for (String text : new String[] {"CCCD-" + number, "id_" + number, "so:" + number, "cccd=" + number, "/files/" + number + "/a.pdf",
                    "'" + number + "'", "\"" + number + "\"", "https://x.vn/a?cccd=" + number + "&b=1", "(" + number + ")",
                    "[" + number + "]", number + "abc", "abc" + number, "{\"id\":\"" + number + "\"}", "<" + number + ">",
                    "a\t" + number, "#" + number, number + "-001", "x," + number + ";"}) {
                assertThat(Pii.maskText(text)).as(text).doesNotContain(number.replace("+", ""))
                        .contains(number.substring(number.length() - 3));
            }
        }
        assertThat(Pii.maskText("CCCD 079 123 456 789 và CMND 123-456-789")).doesNotContain("079 123 456 789", "123-456-789");
    }
}
