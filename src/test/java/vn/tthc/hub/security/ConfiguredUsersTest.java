package vn.tthc.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class ConfiguredUsersTest {
    static final String HASH = new BCryptPasswordEncoder(4).encode("lan-password");

    static SecurityProperties.User user(String hash, String... roles) {
        SecurityProperties.User u = new SecurityProperties.User();
        u.setPasswordHash(hash);
        u.setRoles(List.of(roles));
        return u;
    }

    @Test
    void aBcryptHashWithOrWithoutItsPrefixIsAccepted() {
        List<UserDetails> users = ConfiguredUsers.of(Map.of("lan", user("{bcrypt}" + HASH, "Operator"), "minh", user(HASH, "viewer")));
        assertThat(users).extracting(UserDetails::getUsername).containsExactlyInAnyOrder("lan", "minh");
        UserDetails lan = users.stream().filter(u -> u.getUsername().equals("lan")).findFirst().orElseThrow();
        assertThat(lan.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_OPERATOR");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("lan-password", lan.getPassword())).isTrue();
    }

    @Test
    void aPlainPasswordIsRefusedNamingThePropertyWithoutRepeatingIt() {
        assertThatThrownBy(() -> ConfiguredUsers.of(Map.of("lan", user("hunter2-plain", "viewer"))))
                .hasMessageContaining("hub.security.users.lan.password-hash").hasMessageNotContaining("hunter2-plain");
        assertThatThrownBy(() -> ConfiguredUsers.of(Map.of("lan", user("{noop}hunter2", "viewer"))))
                .hasMessageContaining("hub.security.users.lan.password-hash");
        assertThatThrownBy(() -> ConfiguredUsers.of(Map.of("lan", user(null, "viewer"))))
                .hasMessageContaining("hub.security.users.lan.password-hash");
    }

    @Test
    void rolesMustBeKnownAndPresent() {
        assertThatThrownBy(() -> ConfiguredUsers.of(Map.of("lan", user(HASH, "root"))))
                .hasMessageContaining("hub.security.users.lan.roles").hasMessageContaining("root");
        assertThatThrownBy(() -> ConfiguredUsers.of(Map.of("lan", user(HASH))))
                .hasMessageContaining("hub.security.users.lan.roles");
    }
}
