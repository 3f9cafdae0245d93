package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.tthc.hub.dossier.FieldError;

/** Inbound JSON is read strictly: one value only, no duplicate keys, no number that would change on the way. */
class StrictJsonTest {
    static StrictJson.Parsed read(String s) {
        return StrictJson.read(s);
    }

    @Test
    void anOrdinaryObjectIsRead() {
        StrictJson.Parsed p = read("{\"a\": 1, \"b\": [1.5, -3, 9007199254740991], \"c\": {\"d\": \"x\"}, \"e\": 0.1, \"f\": 1e3}");
        assertThat(p.ok()).isTrue();
        assertThat(p.tree().path("b").get(2).asLong()).isEqualTo(9007199254740991L);
    }

    @Test
    void trailingContentAfterTheObjectIsRefusedWithWhere() {
        for (String body : new String[] {"{\"a\":1} x", "{\"a\":1}{\"b\":2}", "{\"a\":1}\n]", "{\"a\":1} 42"}) {
            StrictJson.Parsed p = read(body);
            assertThat(p.ok()).as(body).isFalse();
            assertThat(p.errors()).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("body");
                assertThat(e.rule()).isEqualTo("json");
                assertThat(e.message()).contains("after the end", "line ", "column ");
            });
        }
        assertThat(read("{\"a\":1}  \n\t ").ok()).as("whitespace after the object is fine").isTrue();
    }

    @Test
    void aKeyTwiceInOneObjectIsRefusedWithWhere() {
        StrictJson.Parsed p = read("{\n  \"revision\": 3,\n  \"x\": {\"a\": 1},\n  \"revision\": 4\n}");
        assertThat(p.errors()).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("duplicate-key");
            assertThat(e.message()).contains("revision", "line 4");
        });
        assertThat(read("{\"a\": {\"k\": 1}, \"b\": {\"k\": 2}}").ok()).as("same key in two objects").isTrue();
    }

    @Test
    void numbersThatWouldLosePrecisionAreAllNamedWithWhere() {
        StrictJson.Parsed p = read("{\"revision\": 9007199254740993,\n \"fees\": [{\"amount\": 12345678901234567890123}],\n"
                + " \"x\": 0.1234567890123456789, \"y\": 1e400, \"z\": 1e-400, \"ok\": 2.5}");
        assertThat(p.ok()).isFalse();
        assertThat(p.errors()).extracting(FieldError::field).containsExactly("revision", "fees[0].amount", "x", "y", "z");
        assertThat(p.errors()).allSatisfy(e -> {
            assertThat(e.rule()).isEqualTo("number");
            assertThat(e.message()).contains("line ", "column ");
        });
        assertThat(p.errors().get(1).message()).contains("line 2");
    }

    @Test
    void syntaxErrorsSayWhere() {
        StrictJson.Parsed p = read("{\"a\": 1,\n \"b\": }");
        assertThat(p.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("not valid JSON", "line 2"));
        assertThat(read("").errors().get(0).message()).contains("empty");
    }
}
