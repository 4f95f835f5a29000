package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sign-in's words: every refusal has its own, in both languages, read as UTF-8. */
class MessagesTest {

  private final Map<Language, Messages> messages = Messages.load();

  @Test
  void everyRefusalHasItsWordsInBothLanguages() {
    for (Messages text : messages.values()) {
      for (SignInRefusal reason : SignInRefusal.values()) {
        assertThat(text.text(reason.messageKey())).as(text.language() + " " + reason).isNotBlank();
      }
    }
  }

  @Test
  void theSignedInCitizenIsNamedByTheShortenedPseudonym() {
    assertThat(messages.get(Language.ZH_CN).text("signin.home.signed-in-as", "887ff6fe…")).isEqualTo("您已登录（化名编号 887ff6fe…）。");
    assertThat(messages.get(Language.EN).text("signin.home.signed-in-as", "887ff6fe…")).isEqualTo("You are signed in (pseudonym 887ff6fe…).");
  }
}
