package org.consentgateway.wiring;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.consentgateway.wiring.HostileRequests.Kind;

/**
 * How a hostile request's body is framed: its length and coding headers, and the bytes after the
 * head. The framing kinds are the ambiguous or broken ones RFC 9112 §6 says to refuse; the
 * others frame the body honestly.
 */
final class Framing {

  /** The framing headers and the body as sent. */
  record Framed(List<String> headers, byte[] body) {}

  private Framing() {}

  static Framed frame(Kind kind, byte[] body, Random random) {
    String length = "Content-Length: " + body.length;
    return switch (kind) {
      case DUPLICATE_LENGTH -> new Framed(List.of(length, "Content-Length: " + (body.length + 1)), body);
      case NEGATIVE_LENGTH -> new Framed(List.of("Content-Length: -" + (1 + random.nextInt(100))), body);
      case HUGE_LENGTH -> new Framed(List.of("Content-Length: " + Canaries.PLANTED_NUMBER + Canaries.PLANTED_NUMBER), body);
      case LENGTH_AND_CHUNKED -> new Framed(List.of(length, "Transfer-Encoding: chunked"),
          chunked(body, Integer.toHexString(body.length)));
      case UNKNOWN_CODING -> new Framed(List.of(length, "Transfer-Encoding: "
          + pick(random, List.of("xchunked", "gzip, chunked, identity", "chunked;q=1", Canaries.MARKER))), body);
      case BAD_CHUNK -> new Framed(List.of("Transfer-Encoding: chunked"),
          chunked(body, pick(random, List.of("zz", "-5", "ffffffffffffffffff", Canaries.MARKER, ""))));
      case BODY, CONTENT_TYPE, PARAMETERS, HEADERS, METHOD, TOKEN, MALFORMED_FORM, LONG_URI, HUGE_HEADERS, EXPECT ->
          new Framed(body.length > 0 ? List.of(length) : List.of(), body);
    };
  }

  /** {@code body} as one chunk of the given size line, then the last chunk. */
  private static byte[] chunked(byte[] body, String sizeLine) {
    byte[] start = (sizeLine + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[start.length + body.length + end.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(body, 0, all, start.length, body.length);
    System.arraycopy(end, 0, all, start.length + body.length, end.length);
    return all;
  }

  private static <T> T pick(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
