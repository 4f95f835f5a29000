package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.consentgateway.db.PrivacyScan;

/**
 * What a browser does in a sign-in, without one: keeps cookies, follows redirects one at a time
 * (so a test can look at each, or tamper with it), posts forms. Every URL it visits and every page
 * it gets is held to the privacy rule: no raw ID number, ever.
 */
final class HttpBrowser {

  private static final Pattern HIDDEN_FIELD = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
      .version(HttpClient.Version.HTTP_1_1).build();
  private final List<String> visited = new ArrayList<>();

  HttpResponse<String> get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  /** Posts {@code form} as {@code application/x-www-form-urlencoded}, as a browser submits a form. */
  HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** GETs where a redirect points. */
  HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
    return get(location(redirect).toString());
  }

  /** Where a redirect points, resolved against the URL that answered it. */
  static URI location(HttpResponse<String> redirect) {
    assertThat(redirect.statusCode()).as(redirect.body()).isIn(302, 303);
    return redirect.uri().resolve(redirect.headers().firstValue("Location").orElseThrow());
  }

  /** The value of the form's hidden fields, by name. */
  static Map<String, String> hiddenFields(HttpResponse<String> page) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher field = HIDDEN_FIELD.matcher(page.body());
    while (field.find()) {
      fields.put(field.group(1), unescape(field.group(2)));
    }
    return fields;
  }

  Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name)).map(HttpCookie::getValue)
        .findFirst();
  }

  /** Sets a cookie as if the server had, for {@code url}'s host: a stolen or stale one. */
  void setCookie(String url, String name, String value) {
    HttpCookie cookie = new HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(url), cookie);
  }

  List<String> visited() {
    return List.copyOf(visited);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    visited.add(request.uri().toString());
    assertThat(PrivacyScan.personalDataIn(request.uri().toString())).as("personal data in a URL").isEmpty();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(PrivacyScan.personalDataIn(response.body())).as("personal data in the page " + request.uri().getPath()).isEmpty();
    response.headers().allValues("Location")
        .forEach(location -> assertThat(PrivacyScan.personalDataIn(location)).as("personal data in a redirect").isEmpty());
    return response;
  }

  private static String unescape(String html) {
    return html.replace("&#34;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
