package org.consentgateway.wiring;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded generator of malformed requests over every operation of the contract: the same seed
 * gives the same requests, byte for byte. Each request mangles one or more of body, content type,
 * path and query parameters, headers, method, bearer token and framing, and carries the
 * {@link Canaries} where a value goes, so that an answer repeating client input is caught.
 */
final class HostileRequests {

  /** What a request mangles; the codec-level kinds are named so a test can hold them apart. */
  enum Kind {
    BODY, CONTENT_TYPE, PARAMETERS, HEADERS, METHOD, TOKEN,
    MALFORMED_FORM, LONG_URI, HUGE_HEADERS, EXPECT, DUPLICATE_LENGTH, NEGATIVE_LENGTH, HUGE_LENGTH, LENGTH_AND_CHUNKED,
    UNKNOWN_CODING, BAD_CHUNK
  }

  /** One request: what it mangles, on which operation, its bytes, and a printable summary. */
  record Hostile(Kind kind, String operation, byte[] bytes) {

    boolean head() {
      return new String(bytes, 0, Math.min(bytes.length, 5), StandardCharsets.ISO_8859_1).equals("HEAD ");
    }

    String summary() {
      String text = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1);
      return kind + " on " + operation + ": " + text.replace("\r\n", " | ");
    }
  }

  private static final List<String> STANDARD_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final List<String> ODD_METHODS = List.of("FOO", "GETS", "PROPFIND", "BREW", Canaries.MARKER.toUpperCase(), "M-SEARCH", "get");
  private static final List<String> ODD_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x", "application/json; charset=utf-7", "a/b;;;=", "application/" + Canaries.MARKER, "*/*", "");

  private final Random random;
  private final ContractOperations contract;
  /** Valid bearer tokens by role (citizen, institution, operator, regulator). */
  private final Map<String, String> tokens;
  /** Identifiers that exist, so some requests get past the look-up. */
  private final List<String> knownIds;
  /**
   * Values the gateway takes for a field, by field name (a consent token, a signed client
   * assertion whose client id is planted), so that requests reach the checks behind the parsing.
   */
  private final Map<String, List<String>> wellFormed;

  HostileRequests(long seed, ContractOperations contract, Map<String, String> tokens, List<String> knownIds,
      Map<String, List<String>> wellFormed) {
    this.random = new Random(seed);
    this.contract = contract;
    this.tokens = Map.copyOf(tokens);
    this.knownIds = List.copyOf(knownIds);
    this.wellFormed = Map.copyOf(wellFormed);
  }

  Hostile next() {
    ContractOperations.Op op = pick(contract.all());
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    // The application-level kinds come up three times as often as the codec's.
    if (kind.ordinal() > Kind.TOKEN.ordinal() && random.nextInt(3) > 0) {
      kind = Kind.values()[random.nextInt(Kind.TOKEN.ordinal() + 1)];
    }
    if (kind == Kind.BODY && op.bodyType().filter(type -> type.contains("form")).isPresent()) {
      kind = Kind.MALFORMED_FORM; // a mangled body where a form is expected is a malformed form
    }
    return new Hostile(kind, op.name(), build(op, kind));
  }

  private byte[] build(ContractOperations.Op op, Kind kind) {
    String method = kind == Kind.METHOD ? pick(random.nextBoolean() ? ODD_METHODS : STANDARD_METHODS) : op.method();
    String target = path(op, kind) + query(op, kind);
    if (kind == Kind.LONG_URI) {
      target += (target.contains("?") ? "&" : "?") + "pad=" + "a".repeat(9_000);
    }
    List<String> headers = new ArrayList<>();
    headers.add("Host: 127.0.0.1");
    headers.add("Connection: close");
    token(op, kind).ifPresent(value -> headers.add("Authorization: " + value));
    byte[] body = body(op, kind);
    String type = contentType(op, kind);
    if (!type.isEmpty() || random.nextInt(8) > 0 && body.length > 0) {
      headers.add("Content-Type: " + (type.isEmpty() ? op.bodyType().orElse("application/json") : type));
    }
    headers.addAll(oddHeaders(kind));
    Framing.Framed framed = Framing.frame(kind, body, random);
    headers.addAll(framed.headers());
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    headers.forEach(header -> head.append(header).append("\r\n"));
    head.append("\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] rest = framed.body();
    byte[] all = new byte[start.length + rest.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(rest, 0, all, start.length, rest.length);
    return all;
  }

  private String path(ContractOperations.Op op, Kind kind) {
    String path = op.template();
    while (path.contains("{")) {
      int open = path.indexOf('{');
      int close = path.indexOf('}', open);
      path = path.substring(0, open) + pathValue(kind) + path.substring(close + 1);
    }
    return path;
  }

  private String pathValue(Kind kind) {
    if (kind != Kind.PARAMETERS || random.nextInt(4) == 0) {
      return random.nextBoolean() && !knownIds.isEmpty() ? pick(knownIds) : randomUuid().toString();
    }
    return encode(pick(List.of(Canaries.PLANTED_ID_NUMBER, Canaries.MARKER, Canaries.RTL_OVERRIDE + Canaries.MARKER, "..", "%zz", "%00", "-1", "null",
        "00000000-0000-0000-0000-00000000000g", Canaries.PLANTED_NUMBER, randomUuid() + Canaries.MARKER)));
  }

  private String query(ContractOperations.Op op, Kind kind) {
    List<String> names = new ArrayList<>(op.queryParameters());
    if (kind == Kind.PARAMETERS) {
      names.addAll(List.of("index", "size", "from", "to", "limit", Canaries.MARKER));
    }
    List<String> pairs = new ArrayList<>();
    for (String name : names) {
      if (random.nextInt(3) > 0) {
        String value = kind == Kind.PARAMETERS ? hostileText() : String.valueOf(random.nextInt(5));
        pairs.add(encode(name) + "=" + (random.nextInt(6) == 0 ? "%G1" + Canaries.MARKER : encode(value)));
      }
    }
    return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
  }

  private Optional<String> token(ContractOperations.Op op, Kind kind) {
    if (kind != Kind.TOKEN) {
      // Mostly a token the operation takes, so the request reaches what lies behind the guard.
      List<String> roles = op.roles().isEmpty() ? List.copyOf(tokens.keySet()) : op.roles();
      return random.nextInt(5) == 0 ? Optional.empty() : Optional.of("Bearer " + tokens.get(pick(roles)));
    }
    String valid = tokens.get(pick(List.copyOf(tokens.keySet())));
    return Optional.of(pick(List.of(
        "Bearer " + Canaries.MARKER,
        "Bearer " + Canaries.PLANTED_ID_NUMBER,
        "Bearer " + valid + Canaries.MARKER,
        "Bearer " + valid.substring(0, valid.length() / 2),
        "Bearer " + valid.replace('.', '!'),
        "bearer " + valid,
        "Basic " + Base64.getEncoder().encodeToString((Canaries.PLANTED_ID_NUMBER + ":" + Canaries.MARKER).getBytes(StandardCharsets.UTF_8)),
        "Bearer ",
        "Bearer " + "eyJhbGciOiJub25lIn0." + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(("{\"sub\":\"" + Canaries.PLANTED_ID_NUMBER + "\",\"iss\":\"" + Canaries.MARKER + "\"}").getBytes(StandardCharsets.UTF_8)) + ".",
        "Bearer " + valid + "\tBearer " + Canaries.MARKER)));
  }

  private String contentType(ContractOperations.Op op, Kind kind) {
    if (kind == Kind.CONTENT_TYPE) {
      return pick(ODD_TYPES);
    }
    if (kind == Kind.MALFORMED_FORM) {
      return "application/x-www-form-urlencoded";
    }
    return op.bodyType().orElse("");
  }

  private List<String> oddHeaders(Kind kind) {
    return switch (kind) {
      case HEADERS -> List.of(pick(List.of(
          "Accept: " + Canaries.MARKER,
          "Accept: application/xml",
          "X-Forwarded-For: " + Canaries.PLANTED_ID_NUMBER,
          "X-Request-Id: " + Canaries.RTL_OVERRIDE + Canaries.MARKER,
          "Origin: http://" + Canaries.MARKER,
          "Cookie: session=" + Canaries.MARKER,
          "Accept-Language: " + Canaries.MARKER + ";q=2",
          "Range: bytes=" + Canaries.PLANTED_NUMBER + "-",
          "Content-Encoding: gzip",
          "If-None-Match: \"" + Canaries.MARKER + "\"")));
      case HUGE_HEADERS -> List.of("X-Pad: " + "b".repeat(40_000));
      case EXPECT -> List.of("Expect: " + pick(List.of(Canaries.MARKER, "100-continue, " + Canaries.MARKER, "200-ok")));
      case BODY, CONTENT_TYPE, PARAMETERS, METHOD, TOKEN, MALFORMED_FORM, LONG_URI, DUPLICATE_LENGTH, NEGATIVE_LENGTH, HUGE_LENGTH,
          LENGTH_AND_CHUNKED, UNKNOWN_CODING, BAD_CHUNK -> List.of();
    };
  }

  private byte[] body(ContractOperations.Op op, Kind kind) {
    if (op.bodyType().isEmpty() && kind != Kind.BODY && random.nextInt(4) > 0) {
      return new byte[0];
    }
    boolean form = op.bodyType().filter(type -> type.contains("form")).isPresent();
    if (kind == Kind.MALFORMED_FORM) {
      return pick(List.of(Canaries.MARKER + "=%zz&a=%", "a=%E0%A4%A&" + Canaries.PLANTED_ID_NUMBER + "=1", "grant_type=%" + Canaries.MARKER, "=&&=%%"))
          .getBytes(StandardCharsets.UTF_8);
    }
    if (kind != Kind.BODY) {
      return (form ? formBody(op) : jsonBody(op)).getBytes(StandardCharsets.UTF_8);
    }
    return switch (random.nextInt(6)) {
      case 0 -> ("{\"" + Canaries.MARKER + "\": ").getBytes(StandardCharsets.UTF_8); // truncated
      case 1 -> (jsonBody(op) + " " + Canaries.MARKER).getBytes(StandardCharsets.UTF_8); // trailing garbage
      case 2 -> ("[\"" + Canaries.PLANTED_ID_NUMBER + "\"]").getBytes(StandardCharsets.UTF_8); // not an object
      case 3 -> new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}; // not UTF-8
      case 4 -> "[".repeat(5_000).getBytes(StandardCharsets.UTF_8); // deep nesting
      default -> (form ? formBody(op) : jsonBody(op)).getBytes(StandardCharsets.UTF_8);
    };
  }

  private String jsonBody(ContractOperations.Op op) {
    List<String> members = new ArrayList<>();
    List<String> fields = new ArrayList<>(op.bodyFields());
    fields.addAll(List.of("purpose", "subjectIdNumber", "grade", "consentToken", "index", "size"));
    for (String field : fields) {
      if (random.nextInt(3) > 0) {
        members.add(quote(field) + ":" + (wellFormed.containsKey(field) && random.nextBoolean()
            ? quote(pick(wellFormed.get(field))) : hostileJsonValue()));
      }
    }
    if (random.nextInt(4) == 0) {
      members.add(quote(Canaries.MARKER + Canaries.RTL_OVERRIDE) + ":" + quote(Canaries.PLANTED_ID_NUMBER));
    }
    return "{" + String.join(",", members) + "}";
  }

  private String formBody(ContractOperations.Op op) {
    List<String> pairs = new ArrayList<>();
    for (String field : op.bodyFields()) {
      if (random.nextInt(4) > 0) {
        pairs.add(field + "=" + encode(wellFormed.containsKey(field) && random.nextInt(3) > 0 ? pick(wellFormed.get(field)) : hostileText()));
      }
    }
    return String.join("&", pairs);
  }

  private String hostileJsonValue() {
    return switch (random.nextInt(9)) {
      case 0 -> Canaries.PLANTED_NUMBER;
      case 1 -> "-" + Canaries.PLANTED_NUMBER + "e999";
      case 2 -> "null";
      case 3 -> "true";
      case 4 -> "[" + quote(Canaries.PLANTED_ID_NUMBER) + ",{}]";
      case 5 -> "{\"" + Canaries.MARKER + "\":" + quote(Canaries.PLANTED_ID_NUMBER) + "}";
      case 6 -> quote("x".repeat(5_000) + Canaries.MARKER);
      default -> quote(hostileText());
    };
  }

  private String hostileText() {
    return pick(List.of(Canaries.PLANTED_ID_NUMBER, Canaries.PLANTED_ID_NUMBER.toLowerCase(), Canaries.MARKER, Canaries.RTL_OVERRIDE + Canaries.MARKER, Canaries.PLANTED_NUMBER,
        "-" + Canaries.PLANTED_NUMBER, Canaries.PLANTED_NUMBER + Canaries.PLANTED_NUMBER + Canaries.PLANTED_NUMBER, "", " ", "1.5", "0x10", "NaN",
        Canaries.MARKER + "\u0000", "<script>" + Canaries.MARKER + "</script>", "DETAIL", "LOAN_APPROVAL", "SUMMARY"));
  }

  /** A UUID from the seeded generator (UUID.randomUUID would make the run differ each time). */
  private String randomUuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
