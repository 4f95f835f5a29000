package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Discovery (RFC 8414): where the metadata is, and that it speaks for the issuer asked for. */
class GatewayMetadataTest {

  @Test
  void theWellKnownSegmentGoesBeforeTheIssuersPath() {
    assertThat(GatewayMetadata.location(URI.create("https://gateway.example")))
        .isEqualTo(URI.create("https://gateway.example/.well-known/oauth-authorization-server"));
    assertThat(GatewayMetadata.location(URI.create("https://example.com/consent")))
        .isEqualTo(URI.create("https://example.com/.well-known/oauth-authorization-server/consent"));
  }

  @Test
  void metadataNamingAnotherIssuerIsRefused() {
    assertThatThrownBy(() -> GatewayMetadata.parse("{\"issuer\":\"https://impostor.example\"}", "https://gateway.example"))
        .isInstanceOf(UnexpectedAnswerException.class)
        .hasMessageContaining("another issuer");
  }

  @Test
  void metadataWithoutTheGatewaysEndpointsIsRefused() {
    assertThatThrownBy(() -> GatewayMetadata.parse("{\"issuer\":\"https://gateway.example\",\"token_endpoint\":\"https://gateway.example/t\"}",
        "https://gateway.example")).isInstanceOf(UnexpectedAnswerException.class);
  }
}
