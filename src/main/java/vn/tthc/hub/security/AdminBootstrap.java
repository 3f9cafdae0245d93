package vn.tthc.hub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.function.Consumer;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password hash of the built-in user {@code admin}: from the given password
 * ({@code HUB_ADMIN_PASSWORD}) when set; otherwise the one kept under the data directory; on the
 * very first start without either, a random password is generated, only its hash is stored, and
 * the password is handed once to {@code announce} (the log) — never again, and never a
 * well-known default.
 */
final class AdminBootstrap {
    static final String FILE = "security/admin-password.bcrypt";
    // letters only: a run of digits could look like an identity number to the log masking
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";
    private final PasswordEncoder encoder;
    private final SecureRandom random = new SecureRandom();

    AdminBootstrap(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    /** The encoded hash (with its {@code {bcrypt}} prefix) that admin's password is checked against. */
    String adminHash(String password, Path dataDir, Consumer<String> announce) {
        if (password != null && !password.isBlank()) {
            return encoder.encode(password);
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String hash = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!hash.startsWith("{bcrypt}$2")) {
                    throw new IllegalStateException(file + " does not hold a bcrypt hash: delete it to generate a new admin password");
                }
                return hash;
            }
            String generated = generate(20);
            String hash = encoder.encode(generated);
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "admin", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the folder's permissions (it holds a hash, not the password)
            }
            Files.writeString(tmp, hash + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            announce.accept(generated);
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("admin password hash under " + dataDir, e);
        }
    }

    private String generate(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
