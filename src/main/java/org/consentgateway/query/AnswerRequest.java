package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

/**
 * The request an answer is for, as its signature covers it ({@code "@method";req} and
 * {@code "@path";req}, RFC 9421 §2.2.1 and §2.2.6).
 *
 * @param method e.g. {@code POST}
 * @param path the request target's absolute path, without the query
 */
public record AnswerRequest(String method, String path) {

  public AnswerRequest {
    requireNonNull(method, "method is null");
    requireNonNull(path, "path is null");
  }
}
