package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the JSON this log holds: objects with members
 * sorted by the UTF-16 code units of their names, no whitespace, strings escaped as ECMAScript's
 * {@code JSON.stringify} does, UTF-8 output. Numbers are limited to integers within ±(2^53 − 1),
 * whose ECMAScript form is their plain decimal; any other number is refused rather than
 * serialized approximately (RFC 8785 §3.2.2.3 would need the full ECMAScript double algorithm).
 */
public final class Jcs {

  private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf((1L << 53) - 1);

  /** A parser that refuses duplicate member names (RFC 8785 §3.1, I-JSON) and trailing data. */
  static final JsonMapper STRICT_MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Jcs() {}

  /** The canonical UTF-8 bytes of {@code json}; throws {@link AuditFormatException} on what JCS cannot represent. */
  public static byte[] canonicalize(JsonNode json) {
    requireNonNull(json, "json is null");
    StringBuilder out = new StringBuilder();
    write(json, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Parses {@code json} strictly (no duplicate names) and returns its canonical bytes. */
  public static byte[] canonicalize(byte[] json) {
    return canonicalize(parse(json));
  }

  /** Parses JSON text strictly; throws {@link AuditFormatException} when it is not one valid JSON value. */
  static JsonNode parse(byte[] json) {
    requireNonNull(json, "json is null");
    try {
      JsonNode node = STRICT_MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new AuditFormatException("no JSON value");
      }
      return node;
    } catch (JacksonException e) {
      throw new AuditFormatException("not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new AuditFormatException("not valid JSON", e);
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, out);
      case ARRAY -> writeArray(node, out);
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> writeNumber(node, out);
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case NULL -> out.append("null");
      default -> throw new AuditFormatException("JCS has no form for a " + node.getNodeType() + " node");
    }
  }

  // RFC 8785 §3.2.3: members sorted by their names as arrays of UTF-16 code units,
  // which is what String.compareTo compares.
  private static void writeObject(JsonNode node, StringBuilder out) {
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      names.add(it.next().getKey());
    }
    Collections.sort(names);
    out.append('{');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      writeString(names.get(i), out);
      out.append(':');
      write(node.get(names.get(i)), out);
    }
    out.append('}');
  }

  private static void writeArray(JsonNode node, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      write(node.get(i), out);
    }
    out.append(']');
  }

  // RFC 8785 §3.2.2.3: integers in the IEEE 754 exact range serialize as plain decimals.
  private static void writeNumber(JsonNode node, StringBuilder out) {
    if (!node.isIntegralNumber()) {
      throw new AuditFormatException("only integers are allowed, got " + node.asText());
    }
    BigInteger value = node.bigIntegerValue();
    if (value.abs().compareTo(MAX_SAFE_INTEGER) > 0) {
      throw new AuditFormatException("integer beyond ±(2^53 - 1) has no exact JCS form");
    }
    out.append(value);
  }

  // RFC 8785 §3.2.2.2: escape only '"', '\' and controls below U+0020, with the short forms
  // \b \f \n \r \t and lower-case \\u00xx otherwise; every other character is written as is.
  // Lone surrogates are not Unicode text (I-JSON, RFC 7493 §2.1) and are refused.
  static void writeString(String text, StringBuilder out) {
    out.append('"');
    // Most strings of an entry (names, codes, hashes, times) need no escape: copied whole.
    int plain = 0;
    while (plain < text.length() && writtenAsIs(text.charAt(plain))) {
      plain++;
    }
    out.append(text, 0, plain);
    for (int i = plain; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new AuditFormatException("string holds a lone surrogate");
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean writtenAsIs(char c) {
    return c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c);
  }
}
