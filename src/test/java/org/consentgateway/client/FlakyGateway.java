package org.consentgateway.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in gateway on a raw socket that misbehaves on purpose: it drops the connection without a
 * word (an RST) or answers 503, per path and attempt, as a test scripts it, and counts every request
 * that reached it. One request per connection.
 */
final class FlakyGateway implements AutoCloseable {

  /** What to do with the n-th request (from 1) to a path. */
  interface Script {
    Reply reply(int attempt);
  }

  /** A reply: drop the connection, or answer {@code status} with {@code headers} and {@code body}. */
  record Reply(boolean drop, int status, String headers, String body) {
    static Reply dropped() {
      return new Reply(true, 0, "", "");
    }

    static Reply json(int status, String body) {
      return new Reply(false, status, "", body);
    }
  }

  private final ServerSocket server;
  private final Thread acceptor;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  FlakyGateway() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "flaky-gateway");
    acceptor.setDaemon(true);
    acceptor.start();
    String issuer = issuer();
    on("/.well-known/oauth-authorization-server", attempt -> Reply.json(200, Json.encode(Map.ofEntries(
        Map.entry("issuer", issuer),
        Map.entry("token_endpoint", issuer + "/v1/oauth/token"),
        Map.entry("jwks_uri", issuer + "/.well-known/jwks.json"),
        Map.entry("token_endpoint_auth_signing_alg_values_supported", java.util.List.of("ES256")),
        Map.entry("consent_gateway_consent_requests_endpoint", issuer + "/v1/consent-requests"),
        Map.entry("consent_gateway_queries_endpoint", issuer + "/v1/queries"),
        Map.entry("consent_gateway_whoami_endpoint", issuer + "/v1/whoami"),
        Map.entry("consent_gateway_audit_checkpoint_endpoint", issuer + "/v1/audit/checkpoint"),
        Map.entry("consent_gateway_audit_verifier_key_endpoint", issuer + "/v1/audit/verifier-key"),
        Map.entry("consent_gateway_query_proofs_endpoint", issuer + "/v1/queries/proofs/inclusion")))));
  }

  String issuer() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  void on(String path, Script script) {
    scripts.put(path, script);
  }

  int hits(String path) {
    return hits.getOrDefault(path, new AtomicInteger()).get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        serve(socket);
      } catch (IOException closedOrDropped) {
        // the test closed the server, or the client went away
      }
    }
  }

  private void serve(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    String head = readHead(in);
    String path = head.split(" ", 3)[1].split("\\?", 2)[0];
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes(length);
    int attempt = hits.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
    Reply reply = scripts.getOrDefault(path, n -> Reply.json(404, "{\"code\":\"not_found\",\"detail\":\"no such path\"}")).reply(attempt);
    if (reply.drop()) {
      socket.setSoLinger(true, 0); // close with a reset: the answer never comes
      return;
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    String type = reply.status() >= 400 ? "application/problem+json" : "application/json";
    OutputStream out = socket.getOutputStream();
    out.write(("HTTP/1.1 " + reply.status() + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n" + reply.headers() + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("the client closed the connection");
      }
      head.write(next);
      matched = next == end[matched] ? matched + 1 : next == '\r' ? 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
