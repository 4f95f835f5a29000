package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An authorization request as the demo identity provider receives it (OpenID Connect Core
 * §3.1.2.1), first as query parameters, then again as the hidden fields of its page's form.
 */
public record DemoAuthorization(String clientId, String redirectUri, String responseType, String scope, String state, String nonce,
    String codeChallenge, String codeChallengeMethod, String uiLocales) {

  public DemoAuthorization {
    requireNonNull(clientId, "clientId is null");
    requireNonNull(redirectUri, "redirectUri is null");
    requireNonNull(responseType, "responseType is null");
    requireNonNull(scope, "scope is null");
    requireNonNull(state, "state is null");
    requireNonNull(nonce, "nonce is null");
    requireNonNull(codeChallenge, "codeChallenge is null");
    requireNonNull(codeChallengeMethod, "codeChallengeMethod is null");
    requireNonNull(uiLocales, "uiLocales is null");
  }

  /** The request's parameters by name; a missing one is empty. */
  static DemoAuthorization read(Function<String, String> parameter) {
    Function<String, String> value = name -> Optional.ofNullable(parameter.apply(name)).orElse("");
    return new DemoAuthorization(value.apply("client_id"), value.apply("redirect_uri"), value.apply("response_type"),
        value.apply("scope"), value.apply("state"), value.apply("nonce"), value.apply("code_challenge"),
        value.apply("code_challenge_method"), value.apply("ui_locales"));
  }

  /** The language the app asked the page to be in (Core §3.1.2.1 {@code ui_locales}, first tag); Chinese by default. */
  Language language() {
    return Language.of(uiLocales.split(" ")[0]).orElse(Language.ZH_CN);
  }

  /** This request again, as the query of a GET, in {@code language}: the page's language switch. */
  String query(Language language) {
    return Stream.of(Map.entry("response_type", responseType), Map.entry("client_id", clientId), Map.entry("redirect_uri", redirectUri),
            Map.entry("scope", scope), Map.entry("state", state), Map.entry("nonce", nonce), Map.entry("code_challenge", codeChallenge),
            Map.entry("code_challenge_method", codeChallengeMethod), Map.entry("ui_locales", language.tag()))
        .map(parameter -> parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /**
   * Whether the request is one this provider serves: its one client, that client's exact redirect
   * URI (an unregistered one is never redirected to), the code flow with {@code openid}, S256
   * PKCE, a state and a nonce.
   */
  boolean isValidFor(String expectedClientId, String expectedRedirectUri) {
    return clientId.equals(expectedClientId) && redirectUri.equals(expectedRedirectUri) && responseType.equals("code")
        && Arrays.asList(scope.split(" ")).contains("openid") && codeChallengeMethod.equals("S256")
        && RandomTokens.wellFormed(codeChallenge) && !state.isEmpty() && !nonce.isEmpty()
        && state.length() <= 512 && nonce.length() <= 512;
  }
}
