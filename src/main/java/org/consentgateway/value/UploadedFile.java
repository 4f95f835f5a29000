package org.consentgateway.value;

import static java.util.Objects.requireNonNull;

/**
 * A file part of a {@code multipart/form-data} body, read into memory by the API's body reader
 * (never written to disk) and handed to the page that takes it: here so that both sides of that
 * hand-over ({@code http} reads, {@code web} takes) share one type without depending on each other.
 * Its content is someone's document: never printed.
 *
 * @param field the form field it came in
 * @param fileName the name the browser gave, as sent (possibly empty)
 * @param mediaType the part's declared media type, as sent
 * @param content its bytes
 */
public record UploadedFile(String field, String fileName, String mediaType, byte[] content) {

  /** The key under which a request's uploaded files (a {@code List<UploadedFile>}, in order) are kept in its routing context. */
  public static final String CONTEXT_KEY = "consentgateway.uploadedFiles";

  public UploadedFile {
    requireNonNull(field, "field is null");
    requireNonNull(fileName, "fileName is null");
    requireNonNull(mediaType, "mediaType is null");
    content = requireNonNull(content, "content is null").clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  public int size() {
    return content.length;
  }

  /** Whether the browser sent no file at all (an empty file input sends an unnamed, empty part). */
  public boolean nothingChosen() {
    return fileName.isEmpty() && content.length == 0;
  }

  @Override
  public String toString() {
    return "UploadedFile[" + field + ", " + mediaType + ", " + content.length + " bytes]";
  }
}
