package org.consentgateway.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared test vectors copied under {@code src/test/resources/test-vectors/}. */
public final class TestVectors {

  private TestVectors() {}

  public static Path folder(String relative) {
    URL url = TestVectors.class.getResource("/test-vectors/" + relative);
    if (url == null) {
      throw new IllegalStateException("test vectors missing: " + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON files of a folder, sorted by name. */
  public static List<Path> jsonFiles(String relative) {
    try (Stream<Path> files = Files.list(folder(relative))) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(String relative) {
    try {
      return Files.readString(folder(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
