package org.consentgateway.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates key files. A file is created with its final mode in the same system call, so a secret
 * is never readable by others, not even for a moment; an existing file is never overwritten.
 */
final class KeyFileWriter {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

  private KeyFileWriter() {}

  /** Writes a private key or secret, mode 0600 where the file system has POSIX permissions. */
  static void writeSecret(Path file, byte[] content) {
    write(file, content, OWNER_ONLY);
  }

  /** Writes a public key, mode 0644 where the file system has POSIX permissions. */
  static void writePublic(Path file, byte[] content) {
    write(file, content, WORLD_READABLE);
  }

  static boolean supportsPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void write(Path file, byte[] content, Set<PosixFilePermission> mode) {
    FileAttribute<?>[] attributes = supportsPosix(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
        : new FileAttribute<?>[0];
    // CREATE_NEW fails if the file exists (also a symlink), so a key is never silently replaced.
    try (FileChannel channel = FileChannel.open(file,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true); // a key that was reported written must survive a crash
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(file, "already exists; refusing to overwrite a key file");
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot be written: " + e.getMessage(), e);
    }
  }
}
