package org.consentgateway.client;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/** Reading the gateway's JSON with the parser Nimbus carries; every missing or ill-typed member is an {@link UnexpectedAnswerException}. */
final class Json {

  private Json() {}

  static Map<String, Object> object(String text, String what) {
    try {
      return JSONObjectUtils.parse(text);
    } catch (ParseException e) {
      throw new UnexpectedAnswerException(what + " is not a JSON object", e);
    }
  }

  static String encode(Map<String, ?> object) {
    return JSONObjectUtils.toJSONString(object);
  }

  static String string(Map<String, Object> object, String name, String what) {
    if (object.get(name) instanceof String value) {
      return value;
    }
    throw new UnexpectedAnswerException(what + " has no string " + name);
  }

  static java.util.Optional<String> optionalString(Map<String, Object> object, String name, String what) {
    Object value = object.get(name);
    if (value == null) {
      return java.util.Optional.empty();
    }
    if (value instanceof String text) {
      return java.util.Optional.of(text);
    }
    throw new UnexpectedAnswerException(what + " member " + name + " is not a string");
  }

  static long number(Map<String, Object> object, String name, String what) {
    if (object.get(name) instanceof Number value && value.doubleValue() == Math.rint(value.doubleValue())) {
      return value.longValue();
    }
    throw new UnexpectedAnswerException(what + " has no whole number " + name);
  }

  static List<String> strings(Map<String, Object> object, String name, String what) {
    if (object.get(name) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw new UnexpectedAnswerException(what + " has no string array " + name);
  }
}
