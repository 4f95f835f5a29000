package org.consentgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyRotationTest {

  private static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
  private static final Duration LIFETIME = Duration.ofDays(366);
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @TempDir
  Path keys;

  @Test
  void aTokenSignedBeforeARotationStillVerifiesAndNewTokensCarryTheNewKid() throws Exception {
    KeySetGenerator.generate(keys.resolve("set"));
    Path dir = keys.resolve("set");
    GatewaySigningKeys before = load(dir, T0);
    String oldToken = new GatewayJwt(before, 8192).sign(TYPE, new JWTClaimsSet.Builder().subject("a").build());

    SigningKeyRotation.rotate(dir, T0.plusSeconds(60));
    GatewaySigningKeys after = load(dir, T0.plusSeconds(120));
    String newToken = new GatewayJwt(after, 8192).sign(TYPE, new JWTClaimsSet.Builder().subject("b").build());

    assertThat(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
    assertThat(new GatewayJwt(after, 8192).verify(oldToken, TYPE).verified()).isTrue();
    assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(after.currentKeyId());
    assertThat(after.publicJwkSet().getKeys()).extracting(JWK::getKeyID).containsExactly(after.currentKeyId(), before.currentKeyId());
    assertThat(after.publicJwkSet().getKeys()).noneMatch(JWK::isPrivate);
    assertThat(Files.list(dir.resolve(SigningKeyRotation.RETIRED_FOLDER))).hasSize(1);
  }

  @Test
  void aRetiredKeyLeavesTheSetOnceNoTokenItSignedCanStillBeValid() {
    KeySetGenerator.generate(keys.resolve("set"));
    Path dir = keys.resolve("set");
    String retiredKid = load(dir, T0).currentKeyId();

    SigningKeyRotation.rotate(dir, T0);

    assertThat(load(dir, T0.plus(LIFETIME).minusSeconds(1)).verificationKey(retiredKid)).isPresent();
    assertThat(load(dir, T0.plus(LIFETIME).plusSeconds(1)).verificationKey(retiredKid)).isEmpty();
  }

  @Test
  void kidIsTheRfc7638Thumbprint() throws Exception {
    KeySetGenerator.generate(keys.resolve("set"));
    GatewaySigningKeys signing = load(keys.resolve("set"), T0);

    assertThat(signing.currentKeyId()).isEqualTo(signing.current().toPublicJWK().computeThumbprint().toString());
  }

  @Test
  void aMisnamedRetiredFileIsReportedByName() throws Exception {
    KeySetGenerator.generate(keys.resolve("set"));
    Path dir = keys.resolve("set");
    Files.createDirectories(dir.resolve(SigningKeyRotation.RETIRED_FOLDER));
    Files.copy(dir.resolve("gateway-signing.pub.pem"), dir.resolve(SigningKeyRotation.RETIRED_FOLDER).resolve("yesterday.pub.pem"));

    assertThatThrownBy(() -> SigningKeyRotation.retired(dir)).isInstanceOf(KeyFileException.class).hasMessageContaining("yesterday.pub.pem");
  }

  private static GatewaySigningKeys load(Path dir, Instant now) {
    return GatewaySigningKeys.of(GatewayKeys.load(dir).signingKeyPair(), SigningKeyRotation.retired(dir), now, LIFETIME);
  }
}
