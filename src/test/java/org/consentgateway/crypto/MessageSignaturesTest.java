package org.consentgateway.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9421 signatures of answers: the base's exact bytes, RFC 9530 digests, r || s, and the verifier's refusals. */
class MessageSignaturesTest {

  private static final String HELLO_DIGEST = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";

  @Test
  void theContentDigestIsRfc9530sExample() {
    // RFC 9530 §2, the example body {"hello": "world"}
    assertThat(ContentDigest.sha256("{\"hello\": \"world\"}".getBytes(UTF_8))).isEqualTo(HELLO_DIGEST);
    assertThat(ContentDigest.sha256(new byte[0])).isEqualTo("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
  }

  @Test
  void theSignatureBaseIsRfc9421sFormatByteForByte() {
    ResponseSignatureBase base = new ResponseSignatureBase(200, HELLO_DIGEST, "application/json", "POST", "/v1/queries",
        new SignatureParams(1767225600L, "test-key-p256", MessageAlgorithm.ECDSA_P256_SHA256));

    // RFC 9421 §2.5: "name": value lines joined by LF, @signature-params last, no final LF.
    String expected = "\"@status\": 200\n"
        + "\"content-digest\": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:\n"
        + "\"content-type\": application/json\n"
        + "\"@method\";req: POST\n"
        + "\"@path\";req: /v1/queries\n"
        + "\"@signature-params\": (\"@status\" \"content-digest\" \"content-type\" \"@method\";req \"@path\";req)"
        + ";created=1767225600;keyid=\"test-key-p256\";alg=\"ecdsa-p256-sha256\"";
    assertThat(new String(base.bytes(), US_ASCII)).isEqualTo(expected);
    assertThat(base.signatureInputHeader()).isEqualTo("sig1=(\"@status\" \"content-digest\" \"content-type\" \"@method\";req"
        + " \"@path\";req);created=1767225600;keyid=\"test-key-p256\";alg=\"ecdsa-p256-sha256\"");
    assertThat(base.sha256()).isEqualTo(sha256(expected.getBytes(US_ASCII)));
  }

  @Test
  void aBaseRefusesValuesThatWouldChangeItsLines() {
    SignatureParams params = new SignatureParams(1, "k", MessageAlgorithm.ED25519);
    assertThatThrownBy(() -> new ResponseSignatureBase(200, HELLO_DIGEST + "\n\"@status\": 500", "application/json", "GET", "/", params))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResponseSignatureBase(200, HELLO_DIGEST, "application/json", "GET", "/a?b=c", params))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignatureParams(1, "a\"b", MessageAlgorithm.ED25519)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ecdsaSignaturesAreRAndSOf32BytesEachAsTheJdksP1363FormatReadsThem() throws Exception {
    KeyPair pair = KeyType.EC_P256.generateKeyPair();
    for (int i = 0; i < 50; i++) {
      byte[] data = ("message " + i).getBytes(US_ASCII);
      byte[] signature = MessageAlgorithm.ECDSA_P256_SHA256.sign(pair.getPrivate(), data);

      assertThat(signature).hasSize(64);
      // An independent reading of r || s: the JDK's own IEEE P1363 format.
      Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
      p1363.initVerify(pair.getPublic());
      p1363.update(data);
      assertThat(p1363.verify(signature)).isTrue();
      assertThat(MessageAlgorithm.ECDSA_P256_SHA256.verify(pair.getPublic(), data, signature)).isTrue();
      assertThat(MessageAlgorithm.derToConcat(MessageAlgorithm.concatToDer(signature))).isEqualTo(signature);
    }
  }

  @Test
  void shortScalarsArePaddedOnTheLeft() {
    // SEQUENCE { INTEGER 1, INTEGER 0x80 (with its sign byte) }
    byte[] der = {0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, (byte) 0x80};
    byte[] concat = MessageAlgorithm.derToConcat(der);
    assertThat(concat).hasSize(64);
    assertThat(concat[31]).isEqualTo((byte) 1);
    assertThat(concat[63]).isEqualTo((byte) 0x80);
    assertThat(java.util.Arrays.copyOfRange(concat, 0, 31)).containsOnly(0);
    assertThat(MessageAlgorithm.concatToDer(concat)).isEqualTo(der);
    assertThat(MessageAlgorithm.ECDSA_P256_SHA256.verify(KeyType.EC_P256.generateKeyPair().getPublic(), der, new byte[63]))
        .isFalse();
  }

  @Test
  void ed25519SignaturesVerify() {
    KeyPair pair = KeyType.ED25519.generateKeyPair();
    byte[] signature = MessageAlgorithm.ED25519.sign(pair.getPrivate(), new byte[] {1, 2, 3});
    assertThat(signature).hasSize(64);
    assertThat(MessageAlgorithm.ED25519.verify(pair.getPublic(), new byte[] {1, 2, 3}, signature)).isTrue();
    assertThat(MessageAlgorithm.ED25519.verify(pair.getPublic(), new byte[] {1, 2, 4}, signature)).isFalse();
    assertThat(new MessageSigner(pair.getPrivate(), "ed").params(Instant.EPOCH).alg()).isEqualTo(MessageAlgorithm.ED25519);
  }

  @Test
  void aSignedAnswerVerifiesAndAnyChangeToWhatItCoversFails() {
    GatewaySigningKeys keys = GatewaySigningKeys.of(KeyType.EC_P256.generateKeyPair(), List.of(), Instant.now(),
        java.time.Duration.ofDays(1));
    MessageSigner signer = MessageSigner.of(keys);
    byte[] body = "{\"queryId\":\"q\",\"auditIndex\":7}".getBytes(UTF_8);
    ResponseSignatureBase base = new ResponseSignatureBase(200, ContentDigest.sha256(body), "application/json", "POST",
        "/v1/queries", signer.params(Instant.ofEpochSecond(1767225600L)));
    SignedResponse signed = signer.sign(body, base);
    AnswerVerifier verifier = new AnswerVerifier(keys.publicJwkSet());

    AnswerVerifier.Result result = verifier.verify(200, headers(signed), body, "POST", "/v1/queries");
    assertThat(result.problem()).isEmpty();
    assertThat(result.keyId()).isEqualTo(keys.currentKeyId());
    assertThat(result.base()).isEqualTo(base.bytes());
    assertThat(Base64.getDecoder().decode(result.baseHashBase64())).isEqualTo(base.sha256());

    byte[] changed = body.clone();
    changed[changed.length - 2] = '8';
    assertThat(verifier.verify(200, headers(signed), changed, "POST", "/v1/queries").problem()).get().asString()
        .contains("Content-Digest");
    Map<String, String> otherType = headers(signed);
    otherType.put("Content-Type", "text/plain");
    assertThat(verifier.verify(200, otherType, body, "POST", "/v1/queries").verified()).isFalse();
    Map<String, String> otherDigest = headers(signed);
    otherDigest.put("Content-Digest", ContentDigest.sha256(changed));
    assertThat(verifier.verify(200, otherDigest, changed, "POST", "/v1/queries").verified()).isFalse();
    assertThat(verifier.verify(201, headers(signed), body, "POST", "/v1/queries").verified()).isFalse();
    assertThat(verifier.verify(200, headers(signed), body, "GET", "/v1/queries").verified()).isFalse();
    assertThat(verifier.verify(200, headers(signed), body, "POST", "/v1/me/report").verified()).isFalse();
    JWKSet stranger = GatewaySigningKeys.of(KeyType.EC_P256.generateKeyPair(), List.of(), Instant.now(),
        java.time.Duration.ofDays(1)).publicJwkSet();
    assertThat(new AnswerVerifier(stranger).verify(200, headers(signed), body, "POST", "/v1/queries").problem()).get()
        .asString().contains("not in the JWKS");
    assertThatThrownBy(() -> signer.sign(changed, base)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theJavaCheckInDocsConsentsMdVerifiesWithThePlainJdkAndNimbus() throws Exception {
    GatewaySigningKeys keys = GatewaySigningKeys.of(KeyType.EC_P256.generateKeyPair(), List.of(), Instant.now(),
        java.time.Duration.ofDays(1));
    MessageSigner signer = MessageSigner.of(keys);
    byte[] body = "{\"queryId\":\"q\",\"auditIndex\":3}".getBytes(UTF_8);
    SignedResponse signed = signer.sign(body, new ResponseSignatureBase(200, ContentDigest.sha256(body), "application/json",
        "POST", "/v1/queries", signer.params(Instant.now())));
    Map<String, String> headers = headers(signed);
    JWKSet jwks = JWKSet.parse(keys.publicJwkSet().toString(true));

    // As docs/consents.md "Verifying in Java" writes it.
    String digest = "sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body)) + ":";
    assertThat(digest).isEqualTo(headers.get("content-digest"));
    String input = headers.get("signature-input");
    String params = input.substring("sig1=".length());
    String kid = params.replaceAll(".*;keyid=\"([^\"]+)\".*", "$1");
    String base = "\"@status\": 200\n\"content-digest\": " + digest + "\n\"content-type\": " + headers.get("content-type")
        + "\n\"@method\";req: POST\n\"@path\";req: /v1/queries\n\"@signature-params\": " + params;
    byte[] rs = Base64.getDecoder().decode(headers.get("signature").replaceAll("^sig1=:(.*):$", "$1"));
    Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
    ecdsa.initVerify(jwks.getKeyByKeyId(kid).toECKey().toECPublicKey());
    ecdsa.update(base.getBytes(US_ASCII));
    assertThat(ecdsa.verify(rs)).isTrue();
  }

  private static Map<String, String> headers(SignedResponse signed) {
    Map<String, String> headers = new HashMap<>();
    headers.put("content-type", signed.contentType());
    headers.put("content-digest", signed.contentDigest());
    headers.put("signature-input", signed.signatureInput());
    headers.put("signature", signed.signature());
    return headers;
  }

  private static byte[] sha256(byte[] data) throws RuntimeException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
