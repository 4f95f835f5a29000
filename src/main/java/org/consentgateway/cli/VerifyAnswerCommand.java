package org.consentgateway.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consentgateway.crypto.AnswerVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gateway dev verify-answer}: verifies a saved signed answer (docs/consents.md "Signed
 * answers") with the gateway's own verifier, and says what it proves and where the log binds it.
 */
@Command(name = "verify-answer", mixinStandardHelpOptions = true,
    description = "Verify a saved signed answer (RFC 9421) against the gateway's JWKS; exit 1 if it does not verify.")
final class VerifyAnswerCommand implements Callable<Integer> {

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/[0-9.]+ ([0-9]{3})\\b.*");
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

  @Spec
  CommandSpec spec;

  @Option(names = "--headers", required = true, paramLabel = "FILE",
      description = "The answer's header lines (\"Name: value\"), as curl -D saves them; a status line sets the status.")
  Path headers;

  @Option(names = "--body", required = true, paramLabel = "FILE", description = "The answer's body, byte for byte.")
  Path body;

  @Option(names = "--jwks", required = true, paramLabel = "URL-or-FILE", description = "The gateway's JWKS (/.well-known/jwks.json).")
  String jwks;

  @Option(names = "--method", required = true, paramLabel = "METHOD", description = "The request's method, e.g. POST.")
  String method;

  @Option(names = "--path", required = true, paramLabel = "PATH", description = "The request's path, e.g. /v1/queries.")
  String path;

  @Option(names = "--status", defaultValue = "200", paramLabel = "N", description = "The status, if the headers file has no status line.")
  int status;

  @Override
  public Integer call() throws IOException, InterruptedException, ParseException {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> fields = new LinkedHashMap<>();
    int answered = status;
    for (String line : Files.readAllLines(headers, UTF_8)) {
      Matcher statusLine = STATUS_LINE.matcher(line.trim());
      int colon = line.indexOf(':');
      if (statusLine.matches()) {
        answered = Integer.parseInt(statusLine.group(1));
        fields.clear(); // a later status line starts the final response (after a 100 Continue)
      } else if (colon > 0) {
        fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    byte[] bytes = Files.readAllBytes(body);
    AnswerVerifier.Result result = new AnswerVerifier(JWKSet.parse(readJwks())).verify(answered, fields, bytes, method, path);
    if (!result.verified()) {
      spec.commandLine().getErr().println("NOT VERIFIED: " + result.problem().orElseThrow());
      return 1;
    }
    out.println("verified: key " + result.keyId() + " of the JWKS signed, at " + result.created() + ", the answer "
        + answered + " to " + method + " " + path + " with exactly this body (" + bytes.length + " bytes) and content type "
        + fields.entrySet().stream().filter(field -> field.getKey().equalsIgnoreCase("content-type"))
            .map(Map.Entry::getValue).findFirst().orElse("?") + ".");
    out.println("signatureBaseHash: " + result.baseHashBase64());
    auditIndex(bytes).ifPresentOrElse(
        index -> out.println("the log binds it: audit entry " + index + " must hold \"signatureBaseHash\":\""
            + result.baseHashBase64() + "\" (check that entry and its inclusion proof under a signed checkpoint)."),
        () -> out.println("the body names no auditIndex; find the entry whose signatureBaseHash is the value above."));
    return 0;
  }

  private String readJwks() throws IOException, InterruptedException {
    if (jwks.startsWith("https://") || jwks.startsWith("http://")) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(jwks)).timeout(FETCH_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString(UTF_8));
      if (response.statusCode() != 200) {
        throw new IOException("GET " + jwks + " answered " + response.statusCode());
      }
      return response.body();
    }
    return Files.readString(Path.of(jwks), UTF_8);
  }

  private static Optional<Long> auditIndex(byte[] body) {
    try {
      JsonNode index = new ObjectMapper().readTree(body).get("auditIndex");
      return index != null && index.canConvertToLong() ? Optional.of(index.longValue()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
