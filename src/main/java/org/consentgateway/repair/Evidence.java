package org.consentgateway.repair;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * What a citizen gives to show they have made good: their own words and, if they like, a few
 * attachments (a payment certificate, a court's closing certificate). Free text and documents
 * written by people: sealed at rest, never logged or audited.
 *
 * @param text the citizen's explanation
 * @param attachments the documents, in the order given
 */
public record Evidence(String text, List<Attachment> attachments) {

  /** The longest explanation, in characters. */
  public static final int MAX_TEXT_LENGTH = 2000;
  /** The most attachments one application may carry. */
  public static final int MAX_ATTACHMENTS = 5;
  /** The longest attachment name, in characters. */
  public static final int MAX_NAME_LENGTH = 200;
  /** What an attachment may be: documents and pictures a browser shows without running anything. */
  public static final Set<String> MEDIA_TYPES = Set.of("application/pdf", "image/png", "image/jpeg");

  /** One document: its name as the citizen gave it, its media type and its bytes. */
  public record Attachment(String name, String mediaType, byte[] content) {
    public Attachment {
      requireNonNull(name, "name is null");
      requireNonNull(mediaType, "mediaType is null");
      requireNonNull(content, "content is null");
      String stripped = name.strip();
      if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > MAX_NAME_LENGTH
          || stripped.chars().anyMatch(Character::isISOControl)) {
        throw new ProblemException(ErrorCode.INVALID_REQUEST,
            "attachments[].name must be 1 to " + MAX_NAME_LENGTH + " characters without control characters.");
      }
      name = stripped;
      if (!MEDIA_TYPES.contains(mediaType)) {
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "attachments[].mediaType must be one of " + MEDIA_TYPES.stream().sorted().toList() + ".");
      }
      if (content.length == 0) {
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "attachments[].content must not be empty.");
      }
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    public int size() {
      return content.length;
    }

    @Override
    public String toString() {
      return "Attachment[" + mediaType + ", " + content.length + " bytes]";
    }
  }

  public Evidence {
    if (text == null || text.isBlank()) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "evidence must be a non-empty string.");
    }
    text = text.strip();
    if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "evidence must be at most " + MAX_TEXT_LENGTH + " characters.");
    }
    attachments = List.copyOf(requireNonNull(attachments, "attachments is null"));
    if (attachments.size() > MAX_ATTACHMENTS) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "attachments must be at most " + MAX_ATTACHMENTS + ".");
    }
  }

  /** The attachments' bytes together, decoded. */
  public long attachmentBytes() {
    return attachments.stream().mapToLong(Attachment::size).sum();
  }

  @Override
  public String toString() {
    return "Evidence[" + attachments.size() + " attachments]";
  }
}
