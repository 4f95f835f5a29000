package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What is wrong with a form as sent, field by field, in the reader's words: summarised at the top
 * of the page (each linking to its field) and repeated beside the field.
 */
public record FormErrors(List<FieldError> errors) {

  /** No error: the form as first shown. */
  public static final FormErrors NONE = new FormErrors(List.of());

  /** One field's error; {@code field} is the id of its input, which the summary links to. */
  public record FieldError(String field, String message) {
    public FieldError {
      requireNonNull(field, "field is null");
      requireNonNull(message, "message is null");
    }
  }

  public FormErrors {
    errors = List.copyOf(errors);
  }

  public static FormErrors of(String field, String message) {
    return new FormErrors(List.of(new FieldError(field, message)));
  }

  public boolean any() {
    return !errors.isEmpty();
  }

  /** The error beside {@code field}, if it has one. */
  public Optional<String> of(String field) {
    return errors.stream().filter(error -> error.field().equals(field)).map(FieldError::message).findFirst();
  }
}
