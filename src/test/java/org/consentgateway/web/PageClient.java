package org.consentgateway.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The app's pages as a page test asks for them: signed in for real (through the demo identity
 * provider, {@link DemoSignIn}) or not at all. Each request carries the session's cookie and only
 * the cookies it is given, so asking for one page in English leaves the next one in Chinese; no
 * redirect is followed. Unlike {@link HttpBrowser}, a page may hold the citizen's own ID number
 * (the export does).
 */
final class PageClient {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final Optional<String> session;
  private final Optional<String> csrfToken;

  private PageClient(String base, Optional<String> session, Optional<String> csrfToken) {
    this.base = base;
    this.session = session;
    this.csrfToken = csrfToken;
  }

  /** A visitor who has not signed in. */
  static PageClient anonymous(AppGateway app) {
    return new PageClient(app.base, Optional.empty(), Optional.empty());
  }

  /** The holder of {@code idNumber}, signed in through the demo identity provider; the CSRF token read from the page. */
  static PageClient signedIn(AppGateway app, String idNumber) throws Exception {
    HttpBrowser browser = DemoSignIn.as(new HttpBrowser(), app, idNumber);
    String cookie = SessionCookie.NAME + "=" + browser.cookie(SessionCookie.NAME).orElseThrow();
    // Every page of a signed-in citizen carries the session's token in its sign-out form.
    String token = HttpBrowser.hiddenFields(browser.get(app.url("/app/"))).get(Page.CSRF_FIELD);
    return new PageClient(app.base, Optional.of(cookie), Optional.of(token));
  }

  /** The token the session's forms carry. */
  String csrfToken() {
    return csrfToken.orElseThrow(() -> new IllegalStateException("no one is signed in"));
  }

  /** A GET of {@code path}, with {@code cookies} (e.g. {@code cg_lang=en}) besides the session's. */
  HttpResponse<String> get(String path, String... cookies) throws Exception {
    return send(request(path, cookies).GET().build());
  }

  /** A form POST of exactly {@code fields} (no CSRF token unless they hold one). */
  HttpResponse<String> post(String path, Map<String, String> fields, String... cookies) throws Exception {
    String form = fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
        .collect(Collectors.joining("&"));
    return send(request(path, cookies).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  /** A file a multipart form carries: its field, the name the browser gives, its media type, its bytes. */
  record FilePart(String field, String fileName, String mediaType, byte[] content) {}

  /**
   * A {@code multipart/form-data} POST, as a browser sends a form with a file input: exactly
   * {@code fields} (no CSRF token unless they hold one), then {@code files}.
   */
  HttpResponse<String> postMultipart(String path, Map<String, String> fields, List<FilePart> files, String... cookies) throws Exception {
    String boundary = "----cg-test-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue()
          + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    for (FilePart file : files) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\"" + file.fileName()
          + "\"\r\nContent-Type: " + file.mediaType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(file.content());
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request(path, cookies).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  private HttpRequest.Builder request(String path, String... cookies) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    String all = Stream.concat(session.stream(), Stream.of(cookies)).collect(Collectors.joining("; "));
    return all.isEmpty() ? request : request.header("Cookie", all);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
