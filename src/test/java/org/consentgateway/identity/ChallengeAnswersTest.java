package org.consentgateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import org.consentgateway.identity.ChallengeAnswers.Problem;
import org.consentgateway.value.Role;
import org.junit.jupiter.api.Test;

/** The console's sign-in answer: a challenge signed with a member's registered key, and every way one is refused. */
class ChallengeAnswersTest {

  private static final String ISSUER = "https://gateway.test";
  private static final String AUDIENCE = "https://gateway.test/console";
  private static final String CHALLENGE = "q3Zx0mB1-_challenge_text_of_43_characters_";
  private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
  private static final Duration SKEW = Duration.ofSeconds(30);

  private final ChallengeAnswers answers = new ChallengeAnswers(ISSUER, SKEW, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
  private final KeyPair ec = generate("EC");
  private final RegisteredClient regulator = client("pboc", Role.REGULATOR, ec, true);

  @Test
  void theAudienceIsTheIssuersConsole() {
    assertThat(ChallengeAnswers.audience(ISSUER)).isEqualTo(AUDIENCE);
    assertThat(ChallengeAnswers.audience(ISSUER + "/")).isEqualTo(AUDIENCE);
  }

  @Test
  void anAnswerSignedWithTheRegisteredKeyIsAccepted() {
    String answer = ChallengeAnswers.sign("pboc", AUDIENCE, CHALLENGE, ec.getPrivate(), NOW);

    assertThat(answers.check(answer, CHALLENGE, regulator)).isEmpty();
    assertThat(ChallengeAnswers.claimedClientId(answer)).contains("pboc");
  }

  @Test
  void anOperatorWithAnRsaKeySignsInToo() {
    KeyPair rsa = generate("RSA");
    RegisteredClient operator = client("ops", Role.OPERATOR, rsa, true);

    assertThat(answers.check(ChallengeAnswers.sign("ops", AUDIENCE, CHALLENGE, rsa.getPrivate(), NOW), CHALLENGE, operator)).isEmpty();
  }

  @Test
  void anAnswerSignedWithAnotherKeyIsRefused() {
    String answer = ChallengeAnswers.sign("pboc", AUDIENCE, CHALLENGE, generate("EC").getPrivate(), NOW);

    assertThat(answers.check(answer, CHALLENGE, regulator)).contains(Problem.BAD_SIGNATURE);
  }

  @Test
  void anAnswerInAnotherMembersNameIsRefused() {
    String answer = ChallengeAnswers.sign("someone-else", AUDIENCE, CHALLENGE, ec.getPrivate(), NOW);

    assertThat(answers.check(answer, CHALLENGE, regulator)).contains(Problem.BAD_SIGNATURE);
  }

  @Test
  void aDisabledMemberIsRefusedEvenWithAGoodAnswer() {
    RegisteredClient disabled = client("pboc", Role.REGULATOR, ec, false);

    assertThat(answers.check(ChallengeAnswers.sign("pboc", AUDIENCE, CHALLENGE, ec.getPrivate(), NOW), CHALLENGE, disabled))
        .contains(Problem.DISABLED);
  }

  @Test
  void anInstitutionHasNoConsole() {
    RegisteredClient institution = client("91350100M000100Y43", Role.INSTITUTION, ec, true);

    assertThat(answers.check(ChallengeAnswers.sign("91350100M000100Y43", AUDIENCE, CHALLENGE, ec.getPrivate(), NOW), CHALLENGE,
        institution)).contains(Problem.UNKNOWN_CLIENT);
  }

  @Test
  void anAnswerForAnotherChallengeOrAudienceIsRefused() {
    assertThat(answers.check(ChallengeAnswers.sign("pboc", AUDIENCE, "another challenge", ec.getPrivate(), NOW), CHALLENGE, regulator))
        .contains(Problem.WRONG_CHALLENGE);
    // A client assertion for the token endpoint does not sign anyone in to the console.
    assertThat(answers.check(ChallengeAnswers.sign("pboc", ISSUER, CHALLENGE, ec.getPrivate(), NOW), CHALLENGE, regulator))
        .contains(Problem.WRONG_AUDIENCE);
    assertThat(answers.check(DevTokens.clientAssertion("pboc", ISSUER, ec.getPrivate(), NOW), CHALLENGE, regulator))
        .contains(Problem.WRONG_AUDIENCE);
  }

  @Test
  void anExpiredAnswerOrOneValidTooLongIsRefused() {
    assertThat(answers.check(ChallengeAnswers.sign("pboc", AUDIENCE, CHALLENGE, ec.getPrivate(), NOW.minus(Duration.ofMinutes(3))),
        CHALLENGE, regulator)).contains(Problem.EXPIRED);
    assertThat(answers.check(signed(NOW.plus(Duration.ofHours(1))), CHALLENGE, regulator)).contains(Problem.EXPIRED);
    assertThat(answers.check(signed(null), CHALLENGE, regulator)).contains(Problem.EXPIRED);
  }

  @Test
  void whatIsNotASignedJwsIsRefusedAsMalformed() {
    assertThat(answers.check("not a jws", CHALLENGE, regulator)).contains(Problem.MALFORMED);
    assertThat(answers.check("", CHALLENGE, regulator)).contains(Problem.MALFORMED);
    assertThat(answers.check(null, CHALLENGE, regulator)).contains(Problem.MALFORMED);
    assertThat(answers.check("a".repeat(ChallengeAnswers.MAX_ANSWER_LENGTH + 1), CHALLENGE, regulator)).contains(Problem.MALFORMED);
    assertThat(ChallengeAnswers.claimedClientId("not a jws")).isEqualTo(Optional.empty());
  }

  /** An answer with the right claims but this expiry ({@code null}: none). */
  private String signed(Instant expiry) {
    try {
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("pboc").subject("pboc").audience(AUDIENCE)
          .claim(ChallengeAnswers.CHALLENGE_CLAIM, CHALLENGE);
      if (expiry != null) {
        claims.expirationTime(Date.from(expiry));
      }
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims.build());
      jwt.sign(new ECDSASigner((ECPrivateKey) ec.getPrivate()));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static RegisteredClient client(String id, Role role, KeyPair keys, boolean active) {
    ClientKey key = keys.getPublic() instanceof ECPublicKey ecKey
        ? new ClientKey(new ECKey.Builder(Curve.P_256, ecKey).build())
        : new ClientKey(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).build());
    return new RegisteredClient(id, role, id, key, active);
  }

  private static KeyPair generate(String algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
