package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.consentgateway.error.ProblemException;
import org.consentgateway.repair.Evidence;
import org.consentgateway.value.UploadedFile;

/**
 * The documents a citizen attached to a form, checked before anything is stored: at most {@value
 * Evidence#MAX_ATTACHMENTS}, each of a type {@link Evidence} accepts, all together within the
 * category's limit. The first thing wrong is said in the reader's words; the file's name is never
 * repeated in it (it may name the citizen).
 *
 * @param accepted the documents, when none is wrong
 * @param error what is wrong, in the reader's words
 */
record Attachments(List<Evidence.Attachment> accepted, Optional<String> error) {

  Attachments {
    accepted = List.copyOf(accepted);
    requireNonNull(error, "error is null");
  }

  static Attachments check(Messages messages, List<UploadedFile> files, int maxBytes) {
    if (files.size() > Evidence.MAX_ATTACHMENTS) {
      return refused(messages.text("form.repair.attachments.tooMany", Evidence.MAX_ATTACHMENTS));
    }
    long total = files.stream().mapToLong(UploadedFile::size).sum();
    if (total > maxBytes) {
      return refused(messages.text("form.repair.attachments.tooBig", kilobytes(maxBytes)));
    }
    List<Evidence.Attachment> accepted = new ArrayList<>();
    for (UploadedFile file : files) {
      if (!Evidence.MEDIA_TYPES.contains(file.mediaType())) {
        return refused(messages.text("form.repair.attachments.type"));
      }
      if (file.size() == 0) {
        return refused(messages.text("form.repair.attachments.empty"));
      }
      try {
        accepted.add(new Evidence.Attachment(file.fileName(), file.mediaType(), file.content()));
      } catch (ProblemException badName) {
        return refused(messages.text("form.repair.attachments.name", Evidence.MAX_NAME_LENGTH));
      }
    }
    return new Attachments(accepted, Optional.empty());
  }

  /** A byte count in whole kilobytes, rounded down, for words (40960 is "40"). */
  static String kilobytes(int bytes) {
    return Integer.toString(bytes / 1024);
  }

  private static Attachments refused(String error) {
    return new Attachments(List.of(), Optional.of(error));
  }
}
