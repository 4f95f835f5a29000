package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.consentgateway.config.Settings;
import org.consentgateway.db.CapturedLogs;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.http.ProblemResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Clients that reset their connection mid-request: the gateway notes it at DEBUG and writes no WARN or ERROR. */
@ExtendWith(TestDatabase.class)
class ClientDisconnectTest {

  private static final List<String> CUT_SHORT = List.of(
      "GET /health/re",
      "GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /v1/me/consents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc\r\n\r\n",
      "GET /app HTTP/1.1\r\nHost: x\r\n\r\n");
  /** Body promised but not sent: the gateway is still reading it when the client resets. */
  private static final String BODY_CUT_SHORT = "POST /v1/oauth/token HTTP/1.1\r\nHost: x\r\n"
      + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=";

  @Test
  void aClientThatHangsUpIsNoNewsForTheOperator(DatabaseCoordinates database) throws Exception {
    // The package's loggers: a hang-up is noted by the connection's handler, RequestBodies or ProblemResponses.
    Logger problems = (Logger) LoggerFactory.getLogger(ProblemResponses.class.getPackageName());
    Level before = problems.getLevel();
    problems.setLevel(Level.DEBUG);
    try (Gateway gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(GatewayHttpClient.settings(database))));
         CapturedLogs logs = CapturedLogs.all()) {
      for (String request : CUT_SHORT) {
        resetAfterSending(gateway.port(), request);
      }
      for (int i = 0; i < 3; i++) {
        resetAfterSending(gateway.port(), BODY_CUT_SHORT);
      }
      Polling.until("the disconnects noted", () -> logs.lines(Level.DEBUG).size() >= 3);

      assertThat(logs.lines()).noneMatch(line -> line.startsWith("WARN") || line.startsWith("ERROR"));
      // Noted where it is seen: by the connection, the body being read, or the handler answering.
      assertThat(logs.lines(Level.DEBUG)).allMatch(line -> line.startsWith("DEBUG client closed the connection during POST")
          || line.endsWith(": java.net.SocketException") || line.endsWith(": io.vertx.core.http.HttpClosedException"));
      assertThat(logs.stackTraces()).isZero();
      assertThat(new GatewayHttpClient(gateway.port()).getPublic("/health/live").statusCode()).isEqualTo(200);
    } finally {
      problems.setLevel(before);
    }
  }

  /** Sends {@code request} and closes with a TCP reset (SO_LINGER 0), as a client that gives up does. */
  private static void resetAfterSending(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.setSoLinger(true, 0);
    }
  }
}
