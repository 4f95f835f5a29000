package org.consentgateway.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads typed fields out of a JSON object and collects every problem with its path, so an
 * import report names all that is wrong with a line at once. Problems describe the field, never
 * its value: a value may be personal data.
 */
final class JsonFields {

  private final List<String> problems = new ArrayList<>();

  List<String> problems() {
    return List.copyOf(problems);
  }

  boolean ok() {
    return problems.isEmpty();
  }

  void problem(String path, String reason) {
    problems.add(path + ": " + reason);
  }

  Optional<String> requiredText(JsonNode object, String path, String name) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      problem(join(path, name), "is required");
      return Optional.empty();
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problem(join(path, name), "must be a non-empty string");
      return Optional.empty();
    }
    return Optional.of(node.asText());
  }

  Optional<String> optionalText(JsonNode object, String path, String name) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      problem(join(path, name), "must be a string");
      return Optional.empty();
    }
    return Optional.of(node.asText());
  }

  Optional<Long> requiredAmount(JsonNode object, String path, String name) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      problem(join(path, name), "is required");
      return Optional.empty();
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
      problem(join(path, name), "must be a whole number of yuan, 0 or more");
      return Optional.empty();
    }
    return Optional.of(node.asLong());
  }

  Optional<LocalDate> requiredDate(JsonNode object, String path, String name) {
    if (object.get(name) == null || object.get(name).isNull()) {
      problem(join(path, name), "is required");
      return Optional.empty();
    }
    return optionalDate(object, path, name);
  }

  Optional<LocalDate> optionalDate(JsonNode object, String path, String name) {
    Optional<String> text = optionalText(object, path, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.get()));
    } catch (DateTimeParseException e) {
      problem(join(path, name), "must be a date as YYYY-MM-DD");
      return Optional.empty();
    }
  }

  Optional<UUID> requiredUuid(JsonNode object, String path, String name) {
    Optional<String> text = requiredText(object, path, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      UUID id = UUID.fromString(text.get());
      if (!id.toString().equalsIgnoreCase(text.get())) {
        throw new IllegalArgumentException("not canonical");
      }
      return Optional.of(id);
    } catch (IllegalArgumentException e) {
      problem(join(path, name), "must be a UUID");
      return Optional.empty();
    }
  }

  <E extends Enum<E>> Optional<E> requiredEnum(JsonNode object, String path, String name, Class<E> type) {
    Optional<String> text = requiredText(object, path, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text.get())) {
        return Optional.of(constant);
      }
    }
    problem(join(path, name), "must be one of " + Arrays.toString(type.getEnumConstants()));
    return Optional.empty();
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
