package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * The app's words in one language, from {@code web/messages_<language>.properties} (UTF-8). A key
 * missing in a bundle fails loudly: each bundle must have every key (MessagesTest).
 */
public final class Messages {

  static final String BUNDLE = "web.messages";

  private final Language language;
  private final ResourceBundle bundle;

  private Messages(Language language, ResourceBundle bundle) {
    this.language = language;
    this.bundle = bundle;
  }

  public static Messages of(Language language) {
    requireNonNull(language, "language is null");
    // No fallback to the JVM's default locale: each language has its own bundle, complete.
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.locale(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    return new Messages(language, bundle);
  }

  public Language language() {
    return language;
  }

  /** The text of {@code key}. */
  public String get(String key) {
    return bundle.getString(key);
  }

  /** The text of {@code key} with {@code {0}}, {@code {1}}, ... filled in ({@link MessageFormat}). */
  public String format(String key, Object... arguments) {
    return new MessageFormat(get(key), language.locale()).format(arguments);
  }

  ResourceBundle bundle() {
    return bundle;
  }
}
