package org.consentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What reaches the gateway below the routes: requests the HTTP codec refuses, framing it lets
 * through but the gateway will not guess at, media types, and clients too slow to finish a request.
 * Raw bytes over a socket, since a well-behaved client cannot send any of it. Every refusal is a
 * problem with a stable code; refusals of framing close the connection after the answer.
 */
class HttpCodecTest {

  /**
   * Short deadlines so the slow-client cases end quickly (the reads below wait far longer); the
   * idle timeout above the read deadline, and a trickle faster than either, so only the deadline can end a trickle.
   */
  private static final HttpConfig CONFIG = new HttpConfig("127.0.0.1", 0, 4 * 1024, 5, "http://localhost",
      HttpConfig.DEFAULT_REQUEST_TIMEOUT, HttpConfig.DEFAULT_MAX_IN_FLIGHT, HttpConfig.DEFAULT_READINESS_TIMEOUT, 3, 1,
      HttpConfig.DEFAULT_OUTAGE_CUTOFF, 2, OptionalInt.empty());
  private static final int TRICKLE_MILLIS = 200;
  private static final int READ_LIMIT_MILLIS = 20_000;

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private Vertx vertx;
  private GatewayServer server;

  @BeforeEach
  void start() throws Exception {
    log.start();
    rootLogger().addAppender(log);
    vertx = Vertx.vertx();
    server = new GatewayServer(vertx, CONFIG).start(new Readiness(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), router -> {
      router.post("/echo").handler(context -> JsonRoutes.reply(context, 200, JsonRoutes.requiredBody(context)));
      router.put("/echo").handler(context -> JsonRoutes.reply(context, 200, JsonRoutes.requiredBody(context)));
      router.get("/never").handler(context -> { });
      router.patch("/patch").handler(context -> JsonRoutes.reply(context, 200, JsonRoutes.requiredMergePatch(context)));
      router.post("/form").handler(context -> context.response().end("a=" + context.request().getFormAttribute("a")));
    }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Every case here is the client's doing: none may reach an operator as a warning or an error. */
  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    rootLogger().detachAppender(log);
    assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
  }

  private static Logger rootLogger() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Test
  void aRequestLineOverTheLimitIs414() throws Exception {
    Answer answer = exchange("GET /" + "a".repeat(GatewayServer.MAX_INITIAL_LINE_BYTES) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    answer.assertProblem(414, "uri_too_long");
    answer.assertClosing();
  }

  @Test
  void headerFieldsOverTheLimitAre431() throws Exception {
    Answer answer = exchange("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(GatewayServer.MAX_HEADER_BYTES) + "\r\n\r\n");

    answer.assertProblem(431, "header_fields_too_large");
    answer.assertClosing();
  }

  /** The codec refuses the first four, the gateway the rest (RFC 9112 §6.3); either way 400, then close. */
  @Test
  void framingThatLeavesTheBodysLengthInDoubtIs400AndCloses() throws Exception {
    for (String framing : new String[] {
        "Content-Length: 2\r\nContent-Length: 3\r\n",
        "Content-Length: -1\r\n",
        "Content-Length: 99999999999999999999999\r\n",
        "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: xchunked\r\nContent-Length: 2\r\n",
        "Transfer-Encoding: gzip, chunked\r\n",
        "Transfer-Encoding: chunked, identity\r\n"}) {
      Answer answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + framing + "\r\n2\r\n{}\r\n0\r\n\r\n");

      answer.assertProblem(400, "invalid_request");
      answer.assertClosing();
    }
  }

  @Test
  void aChunkedBodyIsRead() throws Exception {
    Answer answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n");

    assertThat(answer.status).isEqualTo(200);
    assertThat(new JsonObject(answer.body)).isEqualTo(new JsonObject().put("a", 1));
  }

  @Test
  void aBadChunkSizeIsAnsweredBeforeTheConnectionCloses() throws Exception {
    Answer answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");

    answer.assertProblem(400, "invalid_request");
    answer.assertClosing();
  }

  @Test
  void anExpectationOtherThanContinueIs417() throws Exception {
    Answer withBody = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: teapot\r\nContent-Length: 2\r\n\r\n{}");
    Answer without = exchange("GET /health/live HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n");

    withBody.assertProblem(417, "expectation_failed");
    without.assertProblem(417, "expectation_failed");
  }

  @Test
  void continueIsServed() throws Exception {
    Answer answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");

    assertThat(answer.head).startsWith("HTTP/1.1 100 Continue").contains("HTTP/1.1 200 OK");
  }

  @Test
  void aBodyThatIsNotDeclaredJsonIs415() throws Exception {
    for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
        "application/json; charset=iso-8859-1", "application/jsonx"}) {
      exchange(post("/echo", "Content-Type: " + type + "\r\n", "{}")).assertProblem(415, "unsupported_media_type");
    }
    exchange(post("/echo", "", "{}")).assertProblem(415, "unsupported_media_type");
  }

  @Test
  void jsonIsJsonWhateverItsCaseOrCharsetSpelling() throws Exception {
    for (String type : new String[] {"application/json", "Application/JSON", "application/json; charset=utf-8",
        "application/json;charset=\"UTF-8\""}) {
      Answer answer = exchange(post("/echo", "Content-Type: " + type + "\r\n", "{}"));

      assertThat(answer.status).as(type).isEqualTo(200);
    }
  }

  @Test
  void aMergePatchIsReadWhereARouteTakesOneAndNowhereElse() throws Exception {
    String mergePatch = "Content-Type: application/merge-patch+json\r\n";

    assertThat(exchange(patch("/patch", mergePatch, "{}")).status).isEqualTo(200);
    assertThat(exchange(patch("/patch", "Content-Type: application/json\r\n", "{}")).status).isEqualTo(200);
    exchange(patch("/patch", "Content-Type: text/plain\r\n", "{}")).assertProblem(415, "unsupported_media_type");
    exchange(post("/echo", mergePatch, "{}")).assertProblem(415, "unsupported_media_type");
  }

  @Test
  void aFormTheDecoderRefusesIs400() throws Exception {
    Answer answer = exchange(post("/form", "Content-Type: application/x-www-form-urlencoded\r\n", "%=a"));

    answer.assertProblem(400, "invalid_request");
  }

  @Test
  void aFormWithBadPercentEncodingReadsAsNoForm() throws Exception {
    // The decoder drops what it cannot decode; the route sees no field (the token endpoint: 400, grant_type is required).
    for (String form : new String[] {"a=%zz%", "a=%", "a=%2", "a=%u1234", "a=b&%zz"}) {
      Answer answer = exchange(post("/form", "Content-Type: application/x-www-form-urlencoded\r\n", form));

      assertThat(answer.body).as(form).isEqualTo("a=null");
    }
  }

  @Test
  void aWrongMethodNamesTheMethodsTheResourceTakes() throws Exception {
    Answer answer = exchange("DELETE /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    answer.assertProblem(405, "method_not_allowed");
    assertThat(answer.header("allow")).isEqualTo("POST, PUT");
  }

  @Test
  void aHalfSentHeadHasItsConnectionClosed() throws Exception {
    assertThat(sendUntilClosed("GET /health/live HTTP/1.1\r\nHost: x\r\n")).isEmpty();
  }

  @Test
  void aHeadTrickledByteByByteHasItsConnectionClosed() throws Exception {
    try (Socket socket = connect()) {
      byte[] head = ("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: " + "s".repeat(1000)).getBytes(StandardCharsets.US_ASCII);

      assertThat(trickle(socket, head)).as("the server closed the connection before the head was sent").isEmpty();
    }
  }

  @Test
  void aBodyTrickledByteByByteIs408AndClosed() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(
          "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      Answer.of(trickle(socket, " ".repeat(3000).getBytes(StandardCharsets.US_ASCII))).assertProblem(408, "request_timeout");
    }
  }

  @Test
  void aConnectionThatSendsNothingIsClosed() throws Exception {
    try (Socket socket = connect()) {
      assertThat(readAll(socket.getInputStream())).isEmpty();
    }
  }

  @Test
  void aHalfSentBodyIs408AndClosed() throws Exception {
    Answer answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"a\"");

    answer.assertProblem(408, "request_timeout");
    answer.assertClosing();
  }

  @Test
  void aConnectionSilentWhileItsAnswerIsPreparedIsClosedOnceIdle() throws Exception {
    assertThat(sendUntilClosed("GET /never HTTP/1.1\r\nHost: x\r\n\r\n")).isEmpty();
  }

  /** Heads the codec or the router cannot parse are 400; odd but parseable ones name no resource, 404. */
  @Test
  void oddHeadsAreProblems() throws Exception {
    Map<String, Integer> heads = new LinkedHashMap<>();
    heads.put("G@T / HTTP/1.1", 400);
    heads.put("GET / HTTP/1.1\r\nBad Header: x", 400);
    heads.put("GET / HTTP/1.1\r\nX: a\u0000b", 400);
    heads.put("GET /a%zz HTTP/1.1", 400);
    heads.put("GET / HTTP/1.1\r\n: empty", 404);
    heads.put("GET /%00 HTTP/1.1", 404);
    heads.put("GET http://elsewhere.example/ HTTP/1.1", 404);
    heads.put("GET /\u00e9 HTTP/1.1", 404);
    for (Map.Entry<String, Integer> expected : heads.entrySet()) {
      Answer answer = exchange(expected.getKey() + "\r\nHost: x\r\nConnection: close\r\n\r\n");

      answer.assertProblem(expected.getValue(), expected.getValue() == 400 ? "invalid_request" : "not_found");
    }
  }

  @Test
  void aKeptAliveConnectionIsClosedWhenNoNextRequestArrives() throws Exception {
    String everything = new String(sendUntilClosed("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"), StandardCharsets.UTF_8);

    assertThat(everything).startsWith("HTTP/1.1 200 OK");
  }

  /**
   * Sends {@code bytes} one at a time, a pause apart, until the server closes the connection;
   * returns what it answered meanwhile. Fails if every byte went out with the connection still open.
   */
  private static byte[] trickle(Socket socket, byte[] bytes) throws IOException {
    socket.setSoTimeout(TRICKLE_MILLIS);
    ByteArrayOutputStream answered = new ByteArrayOutputStream();
    for (byte b : bytes) {
      try {
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
      } catch (IOException closed) {
        return answered.toByteArray();
      }
      try {
        byte[] buffer = new byte[8192];
        int n = socket.getInputStream().read(buffer);
        if (n < 0) {
          return answered.toByteArray();
        }
        answered.write(buffer, 0, n);
      } catch (SocketTimeoutException stillOpen) {
        // Nothing yet: send the next byte.
      } catch (IOException reset) {
        return answered.toByteArray();
      }
    }
    throw new AssertionError("the server read " + bytes.length + " bytes over " + bytes.length * TRICKLE_MILLIS + " ms without closing");
  }

  private static String post(String path, String headers, String body) {
    return request("POST", path, headers, body);
  }

  private static String patch(String path, String headers, String body) {
    return request("PATCH", path, headers, body);
  }

  private static String request(String method, String path, String headers, String body) {
    return method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
  }

  /**
   * Sends {@code request} and reads until the server closes the connection (at the latest, the read
   * deadline closes a kept-alive one), failing if it does not within the read limit.
   */
  private Answer exchange(String request) throws IOException {
    return Answer.of(sendUntilClosed(request));
  }

  /** Sends {@code text} and returns all the server answers until it closes the connection (see {@link #readAll}). */
  private byte[] sendUntilClosed(String text) throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return readAll(socket.getInputStream());
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(READ_LIMIT_MILLIS);
    return socket;
  }

  /** Everything the server sends until it closes the connection; fails if it holds it open past the read limit. */
  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection was still open after " + READ_LIMIT_MILLIS + " ms", e);
    } catch (IOException reset) {
      // A reset after the answer is a close too.
    }
    return all.toByteArray();
  }

  /** One answer read off a socket that the server then closed. */
  private record Answer(int status, String head, String body) {

    static Answer of(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertThat(text).as("an answer").startsWith("HTTP/1.");
      int split = text.lastIndexOf("\r\n\r\n");
      String head = text.substring(0, split);
      String finalHead = head.substring(head.lastIndexOf("HTTP/1."));
      return new Answer(Integer.parseInt(finalHead.substring(9, 12)), head, text.substring(split + 4));
    }

    String header(String name) {
      return head.lines().filter(line -> line.toLowerCase().startsWith(name + ":"))
          .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
    }

    /** The answer says the connection ends with it (RFC 9112 §9.6), as it must after framing in doubt. */
    void assertClosing() {
      assertThat(header("connection")).as(head).isEqualTo("close");
    }

    void assertProblem(int expectedStatus, String code) {
      assertThat(status).as(head).isEqualTo(expectedStatus);
      assertThat(header("content-type")).isEqualTo(ProblemResponses.CONTENT_TYPE);
      JsonObject problem = new JsonObject(body);
      assertThat(problem.getString("code")).isEqualTo(code);
      assertThat(problem.getInteger("status")).isEqualTo(expectedStatus);
      assertThat(problem.getString("detail")).isNotBlank();
    }
  }
}
