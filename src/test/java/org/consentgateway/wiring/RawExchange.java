package org.consentgateway.wiring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 request sent as the exact bytes given, on a connection of its own, and the answer
 * read back as the server wrote it: no client library in between to tidy a malformed request up
 * (java.net.http refuses duplicate {@code Content-Length}, {@code Expect}, invented methods...).
 */
final class RawExchange {

  /**
   * An answer: its status, headers as sent, and body (de-chunked). Status 0 means the server
   * closed the connection without answering; {@link #timedOut} that it said nothing in time.
   */
  record Answer(int status, List<String> headerLines, String body, boolean timedOut) {

    Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headerLines.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).trim()).findFirst();
    }
  }

  private RawExchange() {}

  /** Sends {@code request} to the loopback {@code port}; gives up reading after {@code readTimeoutMillis} of silence. */
  static Answer send(int port, byte[] request, int readTimeoutMillis) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(readTimeoutMillis);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        // No half-close: the server would take the end of input for a client gone and drop the answer.
      } catch (IOException refusedMidway) {
        // The server may answer (413, 431...) and close before it has read everything: read what it said.
      }
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      boolean timedOut = false;
      try {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        for (int read; (read = in.read(buffer)) != -1; ) {
          received.write(buffer, 0, read);
          if (complete(received.toByteArray())) {
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        timedOut = true;
      } catch (IOException reset) {
        // A reset after the answer: what was read stands.
      }
      return parse(received.toByteArray(), timedOut);
    }
  }

  /** Whether {@code bytes} hold a whole answer (the connection may be kept open after it). */
  private static boolean complete(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = text.substring(0, end).toLowerCase(Locale.ROOT);
    int bodyLength = bytes.length - end - 4;
    for (String line : head.split("\r\n")) {
      if (line.startsWith("content-length:")) {
        return bodyLength >= Long.parseLong(line.substring("content-length:".length()).trim());
      }
      if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
        return text.endsWith("\r\n0\r\n\r\n") || text.substring(end).equals("\r\n\r\n0\r\n\r\n");
      }
    }
    return head.startsWith("http/1.1 204") || head.startsWith("http/1.1 304") || head.startsWith("http/1.1 1");
  }

  private static Answer parse(byte[] bytes, boolean timedOut) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/") || end < 0) {
      return new Answer(0, List.of(), "", timedOut);
    }
    String[] head = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    List<String> headers = new ArrayList<>(List.of(head).subList(1, head.length));
    byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    boolean chunked = headers.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")
        && line.toLowerCase(Locale.ROOT).contains("chunked"));
    return new Answer(status, List.copyOf(headers), new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8), timedOut);
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String text = new String(body, StandardCharsets.ISO_8859_1);
    int at = 0;
    while (at < text.length()) {
      int lineEnd = text.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }
}
