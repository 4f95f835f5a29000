package org.consentgateway.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The methods each path takes, for the {@code Allow} header a 405 must carry (RFC 9110 §15.5.6).
 * The router knows them but keeps them to itself, so they are read off its routes' templates once
 * all are mounted.
 */
final class AllowedMethods {

  private record Template(Pattern path, Set<HttpMethod> methods) {}

  private final List<Template> templates;

  private AllowedMethods(List<Template> templates) {
    this.templates = List.copyOf(templates);
  }

  static AllowedMethods of(Router router) {
    return new AllowedMethods(router.getRoutes().stream()
        .filter(route -> route.getPath() != null && route.methods() != null && !route.methods().isEmpty())
        .map(route -> new Template(pattern(route), Set.copyOf(route.methods())))
        .toList());
  }

  /** The {@code Allow} value for {@code path}: the methods of every route whose template matches it. */
  String allowFor(String path) {
    Set<String> names = new TreeSet<>();
    for (Template template : templates) {
      if (template.path().matcher(path).matches()) {
        template.methods().forEach(method -> names.add(method.name()));
      }
    }
    return String.join(", ", names);
  }

  // A template segment ":name" stands for any one segment; everything else is literal.
  private static Pattern pattern(Route route) {
    return Pattern.compile(Arrays.stream(route.getPath().split("/", -1))
        .map(segment -> segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment))
        .collect(Collectors.joining("/")));
  }
}
