package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessagesTest {

  @Test
  void bothLanguagesHaveEveryKey() {
    Set<String> chinese = new TreeSet<>(Messages.of(Language.ZH_CN).bundle().keySet());
    Set<String> english = new TreeSet<>(Messages.of(Language.EN).bundle().keySet());

    assertThat(chinese).isNotEmpty().isEqualTo(english);
  }

  @Test
  void everyRefusalHasItsWordsInBothLanguages() {
    for (Language language : Language.values()) {
      Messages text = Messages.of(language);
      Arrays.stream(SignInRefusal.values()).forEach(reason -> assertThat(text.get(reason.messageKey())).isNotBlank());
    }
  }

  @Test
  void theBundlesAreReadAsUtf8AndFilledIn() {
    assertThat(Messages.of(Language.ZH_CN).format("signin.home.signed-in-as", "887ff6fe…")).isEqualTo("您已登录（化名编号 887ff6fe…）。");
    assertThat(Messages.of(Language.EN).format("signin.home.signed-in-as", "887ff6fe…")).isEqualTo("You are signed in (pseudonym 887ff6fe…).");
  }
}
