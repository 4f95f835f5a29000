package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The app's words in one language, from {@code web/messages_<lang>.properties} (UTF-8). Both
 * bundles must hold the same keys: {@link #load} refuses a bundle that lacks one the other has,
 * so a page never shows a key instead of words.
 */
public final class Messages {

  private final Language language;
  private final Map<String, String> texts;

  private Messages(Language language, Map<String, String> texts) {
    this.language = language;
    this.texts = Map.copyOf(texts);
  }

  /** Both languages' bundles, read now (start-up). */
  public static Map<Language, Messages> load() {
    Map<Language, Messages> all = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      all.put(language, new Messages(language, read(language)));
    }
    for (Messages one : all.values()) {
      for (Messages other : all.values()) {
        for (String key : other.texts.keySet()) {
          if (!one.texts.containsKey(key)) {
            throw new IllegalStateException("web message " + key + " is missing in " + one.language.tag());
          }
        }
      }
    }
    return all;
  }

  public Language language() {
    return language;
  }

  /** Whether the bundle has words for {@code key}: for labels of values from an open set (a policy's field names). */
  public boolean has(String key) {
    return texts.containsKey(requireNonNull(key, "key is null"));
  }

  /** The words for {@code key}, with {@code arguments} put in their {@code {0}}, {@code {1}} places. */
  public String text(String key, Object... arguments) {
    String text = texts.get(requireNonNull(key, "key is null"));
    if (text == null) {
      throw new IllegalArgumentException("no web message " + key);
    }
    return arguments.length == 0 ? text : new MessageFormat(text, locale()).format(arguments);
  }

  private Locale locale() {
    return Locale.forLanguageTag(language.tag());
  }

  private static Map<String, String> read(Language language) {
    String name = "/web/messages_" + language.tag().replace('-', '_') + ".properties";
    try (InputStream in = Messages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the web messages " + name + " are not on the class path");
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> texts = new java.util.HashMap<>();
      properties.forEach((key, value) -> texts.put((String) key, (String) value));
      return texts;
    } catch (IOException e) {
      throw new UncheckedIOException("the web messages " + name + " could not be read", e);
    }
  }
}
