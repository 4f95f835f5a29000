package org.consentgateway.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a policy file as a YAML node tree that remembers lines, so every problem can be reported
 * as {@code file:line: problem}. Only plain data: no tags, no object construction.
 */
final class YamlDocument {

  private final Path file;
  private final Optional<byte[]> content;

  /** A document read from {@code file} when parsed. */
  private YamlDocument(Path file) {
    this.file = file;
    this.content = Optional.empty();
  }

  private YamlDocument(Path file, byte[] content) {
    this.file = file;
    this.content = Optional.of(content);
  }

  static YamlDocument of(Path file) {
    return new YamlDocument(file);
  }

  /**
   * A document parsed from bytes already read, so the bytes that are hashed into the policy
   * version are exactly the bytes that were validated; {@code file} names it in messages.
   */
  static YamlDocument of(Path file, byte[] content) {
    return new YamlDocument(file, content.clone());
  }

  Path file() {
    return file;
  }

  Node root() {
    try (Reader reader = reader()) {
      Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
      if (root == null) {
        throw new PolicyException(file + ":1: the file is empty");
      }
      return root;
    } catch (MarkedYAMLException e) {
      throw new PolicyException(file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem(), e);
    } catch (IOException e) {
      throw new PolicyException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private Reader reader() throws IOException {
    if (content.isPresent()) {
      return new InputStreamReader(new ByteArrayInputStream(content.get()), StandardCharsets.UTF_8);
    }
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }

  PolicyException problem(Node at, String what) {
    return new PolicyException(file + ":" + (at.getStartMark().getLine() + 1) + ": " + what);
  }

  /** The members of a mapping, by key; refuses keys not in {@code allowed}. */
  Map<String, Node> mapping(Node node, String what, List<String> allowed) {
    if (!(node instanceof MappingNode mapping)) {
      throw problem(node, what + " must be a mapping");
    }
    Map<String, Node> members = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode(), "a key of " + what);
      if (!allowed.contains(key)) {
        throw problem(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + " (expected one of " + allowed + ")");
      }
      if (members.put(key, tuple.getValueNode()) != null) {
        throw problem(tuple.getKeyNode(), "duplicate key '" + key + "' in " + what);
      }
    }
    return members;
  }

  /**
   * The key/value pairs of a mapping whose keys are data (field paths, grade names), in file
   * order; the caller validates keys and reports duplicates in its own terms.
   */
  List<NodeTuple> entries(Node node, String what) {
    if (!(node instanceof MappingNode mapping)) {
      throw problem(node, what + " must be a mapping");
    }
    return mapping.getValue();
  }

  List<Node> sequence(Node node, String what) {
    if (!(node instanceof SequenceNode sequence)) {
      throw problem(node, what + " must be a list");
    }
    return sequence.getValue();
  }

  String scalar(Node node, String what) {
    if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
      throw problem(node, what + " must be a non-empty value");
    }
    return scalar.getValue();
  }

  Node required(Map<String, Node> members, Node owner, String key, String what) {
    return Optional.ofNullable(members.get(key)).orElseThrow(() -> problem(owner, what + " has no '" + key + "'"));
  }

  int positiveInteger(Map<String, Node> members, Node owner, String key, String what) {
    Node node = required(members, owner, key, what);
    try {
      int value = Integer.parseInt(scalar(node, key));
      if (value < 1) {
        throw problem(node, key + " must be at least 1");
      }
      return value;
    } catch (NumberFormatException e) {
      throw problem(node, key + " must be a whole number");
    }
  }

  boolean bool(Map<String, Node> members, Node owner, String key, String what) {
    Node node = required(members, owner, key, what);
    String text = scalar(node, key);
    if (!text.equals("true") && !text.equals("false")) {
      throw problem(node, key + " must be true or false");
    }
    return Boolean.parseBoolean(text);
  }
}
