package org.consentgateway.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes a case's files into a zip, and reads one back within {@link CaseFormat}'s bounds: at most
 * {@link CaseFormat#MAX_FILES} files, each at most its size, all together at most {@link
 * CaseFormat#MAX_TOTAL_BYTES} unpacked, no name twice. A zip that breaks a bound or is not a zip is
 * an {@link AuditFormatException}, read no further (a zip bomb stops at the bound, not at memory).
 */
final class CaseZip {

  private CaseZip() {}

  /** The files, in their order, every one stamped with {@code time}; in memory (a case is bounded). */
  static byte[] write(Map<String, byte[]> files, Instant time) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        ZipEntry entry = new ZipEntry(file.getKey());
        entry.setLastModifiedTime(FileTime.from(time));
        zip.putNextEntry(entry);
        zip.write(file.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a case zip could not be written in memory", e);
    }
    return bytes.toByteArray();
  }

  /** The files of a zip by name, in the zip's order; directories are skipped. */
  static Map<String, byte[]> read(InputStream in) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        String name = entry.getName();
        if (files.size() >= CaseFormat.MAX_FILES) {
          throw new AuditFormatException("the zip holds more than " + CaseFormat.MAX_FILES + " files");
        }
        if (files.containsKey(name)) {
          throw new AuditFormatException("the zip holds " + name + " twice");
        }
        int limit = name.equals(CaseFormat.MANIFEST) ? CaseFormat.MAX_MANIFEST_BYTES : CaseFormat.MAX_FILE_BYTES;
        byte[] content = readBounded(zip, limit, name);
        total += content.length;
        if (total > CaseFormat.MAX_TOTAL_BYTES) {
          throw new AuditFormatException("the zip unpacks to more than " + (CaseFormat.MAX_TOTAL_BYTES >> 20) + " MiB");
        }
        files.put(name, content);
      }
    } catch (ZipException e) {
      throw new AuditFormatException("not a readable zip (" + e.getMessage() + ")");
    }
    if (files.isEmpty()) {
      throw new AuditFormatException("not a zip, or an empty one");
    }
    return files;
  }

  // Reads at most limit + 1 bytes: the declared size of an entry is not to be trusted.
  private static byte[] readBounded(InputStream in, int limit, String name) throws IOException {
    byte[] content = in.readNBytes(limit + 1);
    if (content.length > limit) {
      throw new AuditFormatException(name + " unpacks to more than " + limit + " bytes");
    }
    return content;
  }
}
