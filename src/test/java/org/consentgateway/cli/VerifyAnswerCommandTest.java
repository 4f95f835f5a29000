package org.consentgateway.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.consentgateway.crypto.ContentDigest;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.crypto.KeyType;
import org.consentgateway.crypto.MessageSigner;
import org.consentgateway.crypto.ResponseSignatureBase;
import org.consentgateway.crypto.SignedResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gateway dev verify-answer} on an answer saved as curl saves it: verified, and refused once changed. */
class VerifyAnswerCommandTest {

  @TempDir
  Path folder;

  @Test
  void aSavedAnswerVerifiesAndTheCommandSaysWhereTheLogBindsIt() throws Exception {
    GatewaySigningKeys keys = GatewaySigningKeys.of(KeyType.EC_P256.generateKeyPair(), List.of(), Instant.now(), Duration.ofDays(1));
    byte[] body = "{\"queryId\":\"q-1\",\"auditIndex\":42,\"purpose\":\"LOAN_APPROVAL\"}".getBytes(UTF_8);
    MessageSigner signer = MessageSigner.of(keys);
    ResponseSignatureBase base = new ResponseSignatureBase(200, ContentDigest.sha256(body), "application/json", "POST",
        "/v1/queries", signer.params(Instant.now()));
    SignedResponse signed = signer.sign(body, base);
    Path headers = folder.resolve("headers.txt");
    Files.writeString(headers, "HTTP/1.1 200 OK\r\n"
        + "content-type: application/json\r\n"
        + "content-digest: " + signed.contentDigest() + "\r\n"
        + "signature-input: " + signed.signatureInput() + "\r\n"
        + "signature: " + signed.signature() + "\r\n\r\n");
    Path bodyFile = folder.resolve("body.json");
    Files.write(bodyFile, body);
    Path jwks = folder.resolve("jwks.json");
    Files.writeString(jwks, keys.publicJwkSet().toString(true));

    Run verified = run("--headers", headers.toString(), "--body", bodyFile.toString(), "--jwks", jwks.toString(),
        "--method", "POST", "--path", "/v1/queries");

    String baseHash = Base64.getEncoder().encodeToString(base.sha256());
    assertThat(verified.exit).as(verified.err).isZero();
    assertThat(verified.out).contains("verified: key " + keys.currentKeyId(), "200 to POST /v1/queries",
        "signatureBaseHash: " + baseHash, "audit entry 42 must hold \"signatureBaseHash\":\"" + baseHash + "\"");

    Run otherPath = run("--headers", headers.toString(), "--body", bodyFile.toString(), "--jwks", jwks.toString(),
        "--method", "POST", "--path", "/v1/me/report");
    assertThat(otherPath.exit).isEqualTo(1);
    assertThat(otherPath.err).contains("NOT VERIFIED");

    byte[] changed = body.clone();
    changed[changed.length - 3] = 'X';
    Files.write(bodyFile, changed);
    Run changedBody = run("--headers", headers.toString(), "--body", bodyFile.toString(), "--jwks", jwks.toString(),
        "--method", "POST", "--path", "/v1/queries");
    assertThat(changedBody.exit).isEqualTo(1);
    assertThat(changedBody.err).contains("NOT VERIFIED", "Content-Digest");
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new DevCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "verify-answer";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = command.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  private record Run(int exit, String out, String err) {}
}
