package vn.tthc.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The suite's hub reads its catalogue from a copy of {@code mappings/catalogue} in its data folder, so that a test's
 * import never writes into the repository; tests that import put the original tables back afterwards.
 */
public final class CatalogueTestFiles {
    public static final Path ORIGINAL = Path.of("mappings", "catalogue");

    private CatalogueTestFiles() {
    }

    static Path copyInto(Path data) {
        Path dir = data.resolve("catalogue");
        try {
            Files.createDirectories(dir);
            for (String f : new String[] {"procedures.csv", "routing.csv"}) {
                Files.copy(ORIGINAL.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public static byte[] original(String fileName) {
        try {
            return Files.readAllBytes(ORIGINAL.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
