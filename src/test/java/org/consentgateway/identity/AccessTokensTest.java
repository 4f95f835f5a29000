package org.consentgateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  private static final String ISSUER = "https://gateway.example.cn";
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final GatewayKeys KEYS = GatewayKeys.ephemeral();
  private static final GatewaySigningKeys SIGNING = GatewaySigningKeys.of(KEYS.signingKeyPair(), List.of(), NOW, Duration.ofDays(1));

  private static AccessTokens tokensAt(Instant now) {
    return new AccessTokens(new GatewayJwt(SIGNING, 8192), ISSUER, Duration.ofMinutes(5), Duration.ofSeconds(30),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void anIssuedTokenNamesItsHolderAndRole() throws Exception {
    AccessTokens tokens = tokensAt(NOW);

    AccessTokens.Issued issued = tokens.issue(Role.INSTITUTION, "91350100M000100Y43");
    Authentication authentication = tokens.verify(issued.token());

    assertThat(issued.expiresInSeconds()).isEqualTo(300);
    assertThat(authentication.principal()).contains(new Principal(Role.INSTITUTION, "91350100M000100Y43"));
    SignedJWT jwt = SignedJWT.parse(issued.token());
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(SIGNING.currentKeyId());
    assertThat(jwt.getHeader().getType()).isEqualTo(AccessTokens.TYPE);
    assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
  }

  @Test
  void aTokenIsRefusedOnceItHasExpiredPastTheSkew() {
    String token = tokensAt(NOW).issue(Role.REGULATOR, "pboc-credit-reference").token();

    assertThat(tokensAt(NOW.plusSeconds(300 + 29)).verify(token).accepted()).isTrue();
    assertThat(tokensAt(NOW.plusSeconds(300 + 31)).verify(token).problem()).isEqualTo("access token has expired");
  }

  @Test
  void aTamperedTokenIsRefused() {
    String token = tokensAt(NOW).issue(Role.INSTITUTION, "91350100M000100Y43").token();
    String[] parts = token.split("\\.");
    String otherClaims = Base64URL.encode("{\"iss\":\"" + ISSUER + "\",\"sub\":\"91110000100000000D\",\"role\":\"regulator\","
        + "\"aud\":\"" + ISSUER + "\",\"exp\":" + (NOW.getEpochSecond() + 300) + "}").toString();

    assertThat(tokensAt(NOW).verify(parts[0] + "." + otherClaims + "." + parts[2]).problem()).isEqualTo("token signature is invalid");
  }

  @Test
  void aTokenFromAnotherGatewayKeyHasAnUnknownKid() {
    GatewaySigningKeys other = GatewaySigningKeys.of(GatewayKeys.ephemeral().signingKeyPair(), List.of(), NOW, Duration.ofDays(1));
    String foreign = new AccessTokens(new GatewayJwt(other, 8192), ISSUER, Duration.ofMinutes(5), Duration.ZERO,
        Clock.fixed(NOW, ZoneOffset.UTC)).issue(Role.REGULATOR, "x-regulator").token();

    assertThat(tokensAt(NOW).verify(foreign).problem()).isEqualTo("token key id is unknown");
  }

  @Test
  void algNoneIsRefused() {
    String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}").toString();
    String claims = Base64URL.encode("{\"iss\":\"" + ISSUER + "\",\"sub\":\"a\",\"role\":\"regulator\"}").toString();

    assertThat(tokensAt(NOW).verify(header + "." + claims + ".").accepted()).isFalse();
  }

  @Test
  void hmacSignedWithThePublicKeyIsRefused() throws Exception {
    byte[] publicKeyBytes = KEYS.signingKeyPair().getPublic().getEncoded();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AccessTokens.TYPE).keyID(SIGNING.currentKeyId()).build(),
        claims(NOW.plusSeconds(300)));
    forged.sign(new MACSigner(publicKeyBytes));

    assertThat(tokensAt(NOW).verify(forged.serialize()).problem()).isEqualTo("algorithm HS256 is not accepted");
  }

  @Test
  void aTokenOfAnotherKindIsNotAnAccessToken() {
    String consentLike = new GatewayJwt(SIGNING, 8192).sign(new JOSEObjectType("consent+jwt"), claims(NOW.plusSeconds(300)));

    assertThat(tokensAt(NOW).verify(consentLike).problem()).isEqualTo("token type is not at+jwt");
  }

  @Test
  void aTokenWithAnUnknownCriticalHeaderIsRefused() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AccessTokens.TYPE).keyID(SIGNING.currentKeyId())
        .criticalParams(java.util.Set.of("exp-policy")).customParam("exp-policy", "x").build(), claims(NOW.plusSeconds(300)));
    jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(SIGNING.current()));

    assertThat(tokensAt(NOW).verify(jwt.serialize()).problem()).contains("critical header parameters");
  }

  @Test
  void anOversizedTokenIsRefusedUnread() {
    assertThat(tokensAt(NOW).verify("a".repeat(8193)).problem()).isEqualTo("token is larger than 8192 bytes");
  }

  @Test
  void aCitizenRoleCannotBeClaimedInAnAccessToken() {
    JWTClaimsSet citizen = new JWTClaimsSet.Builder(claims(NOW.plusSeconds(300))).claim("role", "citizen").build();
    String token = new GatewayJwt(SIGNING, 8192).sign(AccessTokens.TYPE, citizen);

    assertThat(tokensAt(NOW).verify(token).accepted()).isFalse();
  }

  private static JWTClaimsSet claims(Instant expiry) {
    return new JWTClaimsSet.Builder().issuer(ISSUER).audience(ISSUER).subject("91350100M000100Y43").claim("role", "institution")
        .expirationTime(Date.from(expiry)).build();
  }
}
