package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A correction of one record: a JSON merge patch (RFC 7396) over the record's JSON form, e.g.
 * {@code {"balance": 0, "status": "CLOSED", "negativeEndedOn": null}}. Members not named keep
 * their value, {@code null} removes an optional one; {@code id} may not change and unknown members
 * are refused (a typo must not silently correct nothing). The result must be a valid record and
 * must differ from the current one. Pure; problems name fields, never values.
 */
public final class RecordCorrection {

  /** The corrected record's JSON form and the paths of the fields that changed, e.g. {@code accounts[].balance}. */
  public record Result(ObjectNode record, List<String> changedFields) {
    public Result {
      requireNonNull(record, "record is null");
      changedFields = List.copyOf(changedFields);
    }
  }

  /**
   * The correction cannot be applied; {@link #problems()} say why, one per field. {@link
   * #detail()} says the same without repeating a member name the correction made up unless it is
   * shaped like a field name (the caller's text is not echoed).
   */
  public static final class Refused extends RuntimeException {
    private final List<String> problems;
    private final String detail;

    Refused(List<String> problems) {
      this(problems, problems);
    }

    Refused(List<String> problems, List<String> withoutCallersText) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
      this.detail = String.join("; ", withoutCallersText);
    }

    public List<String> problems() {
      return problems;
    }

    /** The problems, each naming one of the record's own fields or the correction as a whole, and the rule. */
    public String detail() {
      return detail;
    }
  }

  /** What a field name looks like: a misspelt member of this shape is named in {@link Refused#detail()}. */
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");

  private RecordCorrection() {}

  /** Applies {@code patch} to {@code current}, a record of {@code kind} in its stored JSON form. */
  public static Result apply(RecordKind kind, JsonNode current, JsonNode patch) {
    requireNonNull(kind, "kind is null");
    requireNonNull(current, "current is null");
    if (patch == null || !patch.isObject() || patch.isEmpty()) {
      throw new Refused(List.of("correction: must be a JSON object naming at least one field"));
    }
    List<String> problems = new ArrayList<>();
    List<String> withoutCallersText = new ArrayList<>();
    ObjectNode next = current.deepCopy();
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      String name = member.getKey();
      if (!kind.members().contains(name)) {
        String rule = "is not a field of a " + kind.section() + " record (fields: " + kind.members() + ")";
        problems.add(name + ": " + rule);
        // A name shaped like a field's (a misspelling) is the field the detail names; anything else,
        // an ID number or text with control characters, is not repeated.
        withoutCallersText.add((FIELD_NAME.matcher(name).matches() ? name + ":" : "correction: a member") + " " + rule);
      } else if (name.equals("id") && !member.getValue().equals(current.get("id"))) {
        problems.add("id: cannot be changed");
        withoutCallersText.add("id: cannot be changed");
      } else if (member.getValue().isNull()) {
        next.remove(name);
      } else {
        next.set(name, member.getValue());
      }
    }
    if (problems.isEmpty()) {
      problems.addAll(CreditFileJson.problems(kind, next));
      withoutCallersText.addAll(problems); // the record's own fields, each with its rule
    }
    if (!problems.isEmpty()) {
      throw new Refused(problems, withoutCallersText.stream().distinct().toList());
    }
    List<String> changed = kind.members().stream()
        .filter(name -> !sameValue(current.get(name), next.get(name)))
        .map(name -> kind.section() + "[]." + name)
        .toList();
    if (changed.isEmpty()) {
      throw new Refused(List.of("correction: changes nothing"));
    }
    return new Result(next, changed);
  }

  // By JSON text: 5 read from a patch (an int) is the same value as 5 stored (a long).
  private static boolean sameValue(JsonNode before, JsonNode after) {
    return Objects.equals(before == null ? null : before.toString(), after == null ? null : after.toString());
  }
}
