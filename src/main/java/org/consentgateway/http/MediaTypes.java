package org.consentgateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/** Whether a request's body is of the one media type its route reads (415 otherwise). */
final class MediaTypes {

  static final String FORM = "application/x-www-form-urlencoded";

  private MediaTypes() {}

  /**
   * True when {@code Content-Type} names {@code mediaType} (RFC 9110 §8.3.1: case-insensitive, the
   * parameters after {@code ;} aside), and any {@code charset} parameter is UTF-8, the only
   * encoding the gateway reads (RFC 8259 §8.1).
   */
  static boolean declares(HttpServerRequest request, String mediaType) {
    String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (header == null) {
      return false;
    }
    String[] parts = header.split(";");
    if (!parts[0].trim().equalsIgnoreCase(mediaType)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("charset=") && !isUtf8(parameter.substring("charset=".length()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUtf8(String charset) {
    String name = charset.startsWith("\"") && charset.endsWith("\"") && charset.length() > 1
        ? charset.substring(1, charset.length() - 1) : charset;
    return name.equals("utf-8") || name.equals("utf8");
  }
}
