package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A key file or secret file is missing, unreadable, malformed or of the wrong kind. The message
 * starts with the file's path and then says what is wrong; it never contains key material.
 */
public final class KeyFileException extends RuntimeException {

  private final String source;

  public KeyFileException(Path file, String problem) {
    this(requireNonNull(file, "file is null").toString(), problem, null);
  }

  public KeyFileException(Path file, String problem, Throwable cause) {
    this(requireNonNull(file, "file is null").toString(), problem, cause);
  }

  /** @param source a path, or a description such as "public key of institution X" */
  public KeyFileException(String source, String problem) {
    this(source, problem, null);
  }

  /** @param source a path, or a description such as "public key of institution X" */
  public KeyFileException(String source, String problem, Throwable cause) {
    super(requireNonNull(source, "source is null") + ": " + requireNonNull(problem, "problem is null"), cause);
    this.source = source;
  }

  /** The file (or other source) the problem is in. */
  public String source() {
    return source;
  }
}
