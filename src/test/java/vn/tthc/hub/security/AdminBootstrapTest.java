package vn.tthc.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class AdminBootstrapTest {
    final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    final List<String> announced = new ArrayList<>();

    @TempDir
    Path data;

    @Test
    void theGivenPasswordIsAdminsAndNothingIsStoredOrAnnounced() {
        String hash = new AdminBootstrap(encoder).adminHash("from-HUB_ADMIN_PASSWORD", data, announced::add);
        assertThat(hash).startsWith("{bcrypt}$2");
        assertThat(encoder.matches("from-HUB_ADMIN_PASSWORD", hash)).isTrue();
        assertThat(encoder.matches("admin", hash)).isFalse();
        assertThat(announced).isEmpty();
        assertThat(data.resolve(AdminBootstrap.FILE)).doesNotExist();
    }

    @Test
    void withoutAPasswordOneIsGeneratedAnnouncedOnceAndOnlyItsHashKept() throws Exception {
        String first = new AdminBootstrap(encoder).adminHash("", data, announced::add);
        assertThat(announced).hasSize(1);
        String generated = announced.get(0);
        assertThat(generated).hasSize(20).matches("[A-Za-z]+");
        assertThat(encoder.matches(generated, first)).isTrue();
        String stored = Files.readString(data.resolve(AdminBootstrap.FILE)).trim();
        assertThat(stored).isEqualTo(first).doesNotContain(generated);

        // the second start: the same hash, nothing printed again
        String second = new AdminBootstrap(encoder).adminHash(null, data, announced::add);
        assertThat(second).isEqualTo(first);
        assertThat(announced).hasSize(1);
        assertThat(encoder.matches(generated, second)).isTrue();
    }

    @Test
    void twoInstallationsNeverShareAGeneratedPassword(@TempDir Path other) {
        new AdminBootstrap(encoder).adminHash("", data, announced::add);
        new AdminBootstrap(encoder).adminHash("", other, announced::add);
        assertThat(announced).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aDamagedHashFileStopsTheStartRatherThanOpeningTheDoor() throws Exception {
        Files.createDirectories(data.resolve("security"));
        Files.writeString(data.resolve(AdminBootstrap.FILE), "secret\n");
        assertThatThrownBy(() -> new AdminBootstrap(encoder).adminHash("", data, announced::add))
                .hasMessageContaining("does not hold a bcrypt hash").hasMessageNotContaining("secret\n");
        assertThat(announced).isEmpty();
    }
}
