package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The redirect back from the consent page is a signal to check, not a proof (docs/consents.md "Consent by redirect"). */
class ConsentCallbackTest {

  private static final String ID = "0b6c3f4e-2d1a-4c5b-9e8f-7a6b5c4d3e2f";

  @Test
  void theGatewaysMembersFollowTheRedirectUrisOwnQuery() {
    ConsentCallback callback = ConsentCallback.parse(
        URI.create("https://bank.example/done?tab=2&requestId=" + ID + "&state=k3v9%2DQx%2B&outcome=rejected"), "k3v9-Qx+");

    assertThat(callback.requestId()).isEqualTo(ID);
    assertThat(callback.state()).contains("k3v9-Qx+");
    assertThat(callback.outcome()).isEqualTo("rejected");
  }

  @Test
  void anotherStateOrNoneIsRefused() {
    URI back = URI.create("https://bank.example/done?requestId=" + ID + "&state=abc&outcome=approved");
    assertThatThrownBy(() -> ConsentCallback.parse(back, "abd")).isInstanceOf(IllegalArgumentException.class);
    URI withoutState = URI.create("https://bank.example/done?requestId=" + ID + "&outcome=approved");
    assertThatThrownBy(() -> ConsentCallback.parse(withoutState, "abc")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ConsentCallback.parse(withoutState).state()).isEmpty();
  }

  @Test
  void aCallbackWithoutARequestIdOrOutcomeIsRefused() {
    assertThatThrownBy(() -> ConsentCallback.parse(URI.create("https://bank.example/done?requestId=../x&outcome=approved")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConsentCallback.parse(URI.create("https://bank.example/done?requestId=" + ID + "&outcome=maybe")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConsentCallback.parse(URI.create("https://bank.example/done")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
