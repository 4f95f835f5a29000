package org.consentgateway.witness;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.consentgateway.audit.AuditFormatException;
import org.consentgateway.audit.Sha256Hash;

/**
 * The witness's memory: for each log, the latest tree it cosigned, one small file per log in the
 * data folder. A new state is written to a temporary file, forced to disk, renamed over the old
 * one and the folder forced too, so after a crash (even {@code kill -9} or a power cut) the file
 * holds the old state or the new one, never a mix, and a cosignature is never sent before its
 * state is on disk.
 */
final class WitnessState {

  private final Path folder;

  WitnessState(Path folder) {
    this.folder = requireNonNull(folder, "folder is null");
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the witness's data folder " + folder, e);
    }
  }

  /** The latest tree cosigned for {@code origin}, or empty when none was. */
  Optional<CosignedTree> latest(String origin) {
    Path file = fileOf(origin);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
      if (lines.length != 4 || !lines[0].equals(origin) || !lines[3].isEmpty()) {
        throw new IllegalStateException("the witness state file " + file + " is not this log's state");
      }
      return Optional.of(new CosignedTree(Long.parseLong(lines[1]), Sha256Hash.fromBase64(lines[2])));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the witness state " + file, e);
    } catch (NumberFormatException | AuditFormatException e) {
      throw new IllegalStateException("the witness state file " + file + " is damaged", e);
    }
  }

  /** Records {@code tree} as the latest cosigned for {@code origin}, durably, before returning. */
  void record(String origin, CosignedTree tree) {
    Path file = fileOf(origin);
    Path temporary = folder.resolve(file.getFileName() + ".next");
    byte[] content = (origin + "\n" + tree.size() + "\n" + tree.rootHash().base64() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IllegalStateException("the witness's data folder must allow atomic renames", e);
      }
      try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
        directory.force(true); // the rename itself is durable only once the folder is
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the witness state " + file, e);
    }
  }

  // One file per log, named by the hash of its origin: origins are free text, file names are not.
  private Path fileOf(String origin) {
    return folder.resolve(Sha256Hash.digest(origin.getBytes(StandardCharsets.UTF_8)).hex() + ".tree");
  }
}
