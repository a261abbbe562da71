package dev.minicloud.kv.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The case files under {@code src/test/resources/kv-cases/}, in name order. */
final class CaseFiles {
    private CaseFiles() {}

    static List<CaseFile> all() {
        URL dir = CaseFiles.class.getResource("/kv-cases");
        if (dir == null) {
            throw new IllegalStateException("kv-cases/ is not on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".txt"))
                    .sorted()
                    .map(CaseFile::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
