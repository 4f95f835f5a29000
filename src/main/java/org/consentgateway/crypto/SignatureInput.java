package org.consentgateway.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One member of a {@code Signature-Input} dictionary (RFC 9421 §4.1), read strictly enough for
 * the responses the gateway signs: an inner list of component names (sf-strings, each with at
 * most the {@code req} flag) and parameters that are integers or sf-strings.
 *
 * @param components the covered component identifiers, serialized, e.g. {@code "@path";req}
 * @param params the signature parameters, values as they are written ({@code "…"} for strings)
 */
record SignatureInput(List<String> components, Map<String, String> params) {

  SignatureInput {
    components = List.copyOf(components);
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The member named {@code label} in the header {@code value}; empty if absent or not of the form above. */
  static Optional<SignatureInput> member(String value, String label) {
    for (String member : splitMembers(value)) {
      if (member.startsWith(label + "=(")) {
        return parse(member.substring(label.length() + 1));
      }
    }
    return Optional.empty();
  }

  /** The value {@code @signature-params} takes (RFC 9421 §2.3): the inner list serialized again. */
  String serialized() {
    StringBuilder text = new StringBuilder("(").append(String.join(" ", components)).append(")");
    params.forEach((name, value) -> text.append(';').append(name).append('=').append(value));
    return text.toString();
  }

  /** A string parameter's value without its quotes. */
  Optional<String> stringParam(String name) {
    return Optional.ofNullable(params.get(name)).filter(value -> value.length() >= 2 && value.startsWith("\""))
        .map(value -> value.substring(1, value.length() - 1));
  }

  /** An integer parameter's value. */
  Optional<Long> integerParam(String name) {
    return Optional.ofNullable(params.get(name)).filter(value -> value.matches("-?[0-9]{1,15}")).map(Long::parseLong);
  }

  private static List<String> splitMembers(String value) {
    // Commas only separate members outside quotes; our members hold none inside their inner lists.
    List<String> members = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        members.add(value.substring(start, i).trim());
        start = i + 1;
      }
    }
    members.add(value.substring(start).trim());
    return members;
  }

  private static Optional<SignatureInput> parse(String text) {
    int close = text.indexOf(')');
    if (!text.startsWith("(") || close < 0) {
      return Optional.empty();
    }
    List<String> components = new ArrayList<>();
    String inner = text.substring(1, close).trim();
    if (!inner.isEmpty()) {
      for (String item : inner.split(" +")) {
        if (!item.matches("\"[a-z0-9@._-]+\"(;req)?")) {
          return Optional.empty();
        }
        components.add(item);
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    String rest = text.substring(close + 1);
    while (!rest.isEmpty()) {
      java.util.regex.Matcher param = PARAM.matcher(rest);
      if (!param.lookingAt() || params.containsKey(param.group(1))) {
        return Optional.empty();
      }
      params.put(param.group(1), param.group(2));
      rest = rest.substring(param.end());
    }
    return Optional.of(new SignatureInput(components, params));
  }

  private static final java.util.regex.Pattern PARAM =
      java.util.regex.Pattern.compile(";([a-z][a-z0-9_.*-]*)=(-?[0-9]{1,15}|\"[\\x20-\\x7e&&[^\"\\\\]]*\")");
}
