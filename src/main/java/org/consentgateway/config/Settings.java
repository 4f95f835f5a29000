package org.consentgateway.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The raw, layered configuration: built-in defaults, then a YAML file, then {@code GATEWAY_*}
 * environment variables, each layer overriding the one before. Keys are dash-case and dotted
 * ({@code db.pool-size}); the environment variable of a key is {@code GATEWAY_} followed by the key
 * upper-cased with dots and dashes turned into underscores ({@code GATEWAY_DB_POOL_SIZE}).
 *
 * <p>Unknown keys in the file are refused, so a typo never silently falls back to a default.
 */
public final class Settings {

  /** Where each value came from, for error messages. */
  private record Value(String text, String origin) {}

  private final Map<String, Value> values;

  private Settings(Map<String, Value> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Loads the layers without a file: the environment (usually {@link System#getenv()}) over the defaults.
   */
  public static Settings load(Map<String, String> environment) {
    return withEnvironment(new LinkedHashMap<>(), environment);
  }

  /** Loads the layers: the YAML {@code file}, then the {@code environment} over it. */
  public static Settings load(Path file, Map<String, String> environment) {
    requireNonNull(file, "file is null");
    Map<String, Value> values = new LinkedHashMap<>();
    readYaml(file, values);
    return withEnvironment(values, environment);
  }

  private static Settings withEnvironment(Map<String, Value> values, Map<String, String> environment) {
    requireNonNull(environment, "environment is null");
    for (String key : ConfigKeys.ALL) {
      String variable = environmentVariable(key);
      String text = environment.get(variable);
      if (text != null && !text.isBlank()) {
        values.put(key, new Value(text.trim(), "environment variable " + variable));
      }
    }
    return new Settings(values);
  }

  /** Settings with no file and no environment: every key at its default. */
  public static Settings defaults() {
    return new Settings(Map.of());
  }

  /** A copy with some keys set, as if by the environment; for tests and subcommand options. */
  public Settings with(Map<String, String> overrides) {
    Map<String, Value> copy = new LinkedHashMap<>(values);
    overrides.forEach((key, text) -> {
      requireKnown(key, "override");
      copy.put(key, new Value(text, "option"));
    });
    return new Settings(copy);
  }

  public static String environmentVariable(String key) {
    return "GATEWAY_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public Optional<String> text(String key) {
    requireKnown(key, "lookup");
    return Optional.ofNullable(values.get(key)).map(Value::text);
  }

  public String text(String key, String defaultValue) {
    return text(key).orElse(defaultValue);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(text.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number (from " + origin(key) + ")");
    }
    if (value < min || value > max) {
      throw new ConfigException(key + " must be between " + min + " and " + max + ", was " + value + " (from " + origin(key) + ")");
    }
    return value;
  }

  public Path path(String key, String defaultValue) {
    return Path.of(text(key, defaultValue));
  }

  private String origin(String key) {
    Value value = values.get(key);
    return value == null ? "default" : value.origin();
  }

  private static void requireKnown(String key, String use) {
    if (!ConfigKeys.ALL.contains(key)) {
      throw new IllegalArgumentException("unknown configuration key in " + use + ": " + key);
    }
  }

  private static void readYaml(Path path, Map<String, Value> values) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + path + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new ConfigException("configuration file " + path + " must be a YAML mapping of keys to values");
    }
    Set<String> unknown = new TreeSet<>();
    flatten("", root, path, values, unknown);
    if (!unknown.isEmpty()) {
      throw new ConfigException("configuration file " + path + " has unknown keys: " + String.join(", ", unknown)
          + " (known keys are listed in docs/configuration.md)");
    }
  }

  private static void flatten(String prefix, JsonNode node, Path path, Map<String, Value> values, Set<String> unknown) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode child = field.getValue();
      if (child.isObject()) {
        flatten(key, child, path, values, unknown);
      } else if (!ConfigKeys.ALL.contains(key)) {
        unknown.add(key);
      } else if (!child.isNull()) {
        if (!child.isValueNode()) {
          throw new ConfigException(key + " in " + path + " must be a single value");
        }
        values.put(key, new Value(child.asText(), "configuration file " + path));
      }
    }
  }
}
