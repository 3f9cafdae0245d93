package vn.tthc.hub.sim.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Checks canonical JSON, its hash and strict parsing. */
class SimJsonTest {

    @Test
    void canonicalSortsKeysAtEveryLevel() {
        String a = SimJson.canonical(SimJson.parse("{\"b\":1,\"a\":{\"z\":[{\"y\":1,\"x\":2}],\"c\":\"d\"}}"));
        assertThat(a).isEqualTo("{\"a\":{\"c\":\"d\",\"z\":[{\"x\":2,\"y\":1}]},\"b\":1}");
        assertThat(SimJson.canonicalHash(SimJson.parse("{\"x\":\"1\",\"y\":\"2\"}")))
                .isEqualTo(SimJson.canonicalHash(SimJson.parse("{ \"y\":\"2\", \"x\":\"1\" }")))
                .isNotEqualTo(SimJson.canonicalHash(SimJson.parse("{\"x\":\"1\",\"y\":\"3\"}")));
    }

    @Test
    void sha256HexIsTheKnownDigest() {
        assertThat(SimHashes.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void parseRefusesGarbageAndTrailingTokens() {
        assertThatThrownBy(() -> SimJson.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimJson.parse("{} {}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimJson.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimJson.parseObject("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SimJson.parseObject("{\"a\":1}")).containsEntry("a", 1);
    }
}
