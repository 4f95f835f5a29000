package org.consentgateway.policy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The thresholds of the supervision signals ({@code signals.yaml}, issue 14). The file is
 * optional: without it the gateway uses {@link #defaults()}, which are exactly the shipped
 * {@code policies/signals.yaml}. When present, every key is required, unknown keys are refused,
 * and the first problem stops start-up as {@code file:line: problem}. Not part of
 * {@link PolicyBundle#version()}: the thresholds decide no query, they only point a regulator at
 * entries.
 *
 * @param baselineDays how many days before a day make its baseline (refusal rate, purposes, hours)
 */
public record SignalPolicy(int baselineDays, RefusalRate refusalRate, ManySubjects manySubjects, PurposeShift purposeShift,
    UnusualHours unusualHours, FastConsentUse fastConsentUse, OverdueDisputes overdueDisputes, UpheldComplaints upheldComplaints) {

  public static final String FILE = "signals.yaml";
  private static final List<String> TOP = List.of("baseline-days", "refusal-rate", "many-subjects", "purpose-shift",
      "unusual-hours", "fast-consent-use", "overdue-disputes", "upheld-complaints");

  public SignalPolicy {
    requireNonNull(refusalRate, "refusalRate is null");
    requireNonNull(manySubjects, "manySubjects is null");
    requireNonNull(purposeShift, "purposeShift is null");
    requireNonNull(unusualHours, "unusualHours is null");
    requireNonNull(fastConsentUse, "fastConsentUse is null");
    requireNonNull(overdueDisputes, "overdueDisputes is null");
    requireNonNull(upheldComplaints, "upheldComplaints is null");
    if (baselineDays < 1) {
      throw new IllegalArgumentException("baselineDays must be at least 1, got " + baselineDays);
    }
  }

  /**
   * A day's refusal rate is at least {@code minRate} and at least {@code factor} times the
   * institution's rate over its baseline, on at least {@code minQueries} queries that day.
   */
  public record RefusalRate(int minQueries, double factor, double minRate) {}

  /** At least {@code minSubjects} distinct subjects queried by one institution within a window of {@code windowMinutes} (a divisor of 60). */
  public record ManySubjects(int windowMinutes, int minSubjects) {}

  /**
   * A purpose whose share of the institution's baseline queries was under {@code maxBaselineShare}
   * takes at least {@code minShare} of a day's queries, at least {@code minCount} of them; only
   * when the baseline holds at least {@code minBaselineQueries}.
   */
  public record PurposeShift(int minBaselineQueries, double maxBaselineShare, double minShare, int minCount) {}

  /**
   * At least {@code minCount} queries in an hour of the day (statistics day zone) in which the
   * institution made none over its baseline; only when the baseline holds at least
   * {@code minBaselineQueries}.
   */
  public record UnusualHours(int minBaselineQueries, int minCount) {}

  /** At least {@code minCount} consents of one institution used within {@code maxSeconds} of their approval, in a day. */
  public record FastConsentUse(int maxSeconds, int minCount) {}

  /** At least {@code minCount} open disputes past their deadline (dispute.DisputeConfig's due-after). */
  public record OverdueDisputes(int minCount) {}

  /** At least {@code minCount} complaints against one institution upheld by a regulator in a day. */
  public record UpheldComplaints(int minCount) {}

  /** The thresholds used when the policies folder has no {@value #FILE}; the shipped file says the same. */
  public static SignalPolicy defaults() {
    return new SignalPolicy(28, new RefusalRate(50, 3.0, 0.3), new ManySubjects(10, 50), new PurposeShift(200, 0.05, 0.5, 20),
        new UnusualHours(200, 5), new FastConsentUse(10, 20), new OverdueDisputes(1), new UpheldComplaints(1));
  }

  /** Reads {@value #FILE} in {@code dir} if it is there (blocking: start-up only), else {@link #defaults()}. */
  public static SignalPolicy load(Path dir) {
    Path file = requireNonNull(dir, "dir is null").resolve(FILE);
    if (!Files.exists(file)) {
      return defaults();
    }
    try {
      return read(YamlDocument.of(file, Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new PolicyException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  static SignalPolicy read(YamlDocument yaml) {
    Node root = yaml.root();
    Map<String, Node> top = yaml.mapping(root, "the file", TOP);
    Numbers numbers = new Numbers(yaml);
    int baselineDays = numbers.whole(top, root, "baseline-days", "the file", 366);

    Node refusal = yaml.required(top, root, "refusal-rate", "the file");
    Map<String, Node> r = yaml.mapping(refusal, "refusal-rate", List.of("min-queries", "factor", "min-rate"));
    RefusalRate refusalRate = new RefusalRate(numbers.whole(r, refusal, "min-queries", "refusal-rate", 1_000_000),
        numbers.decimal(r, refusal, "factor", "refusal-rate", 1.0, 1000.0), numbers.fraction(r, refusal, "min-rate", "refusal-rate"));

    Node many = yaml.required(top, root, "many-subjects", "the file");
    Map<String, Node> m = yaml.mapping(many, "many-subjects", List.of("window-minutes", "min-subjects"));
    int window = numbers.whole(m, many, "window-minutes", "many-subjects", 60);
    if (60 % window != 0) {
      // Windows aligned to the hour are aligned to the statistics day too (its zone is whole hours from UTC).
      throw yaml.problem(m.get("window-minutes"), "window-minutes must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)");
    }
    ManySubjects manySubjects = new ManySubjects(window, numbers.whole(m, many, "min-subjects", "many-subjects", 1_000_000));

    Node shift = yaml.required(top, root, "purpose-shift", "the file");
    Map<String, Node> p = yaml.mapping(shift, "purpose-shift", List.of("min-baseline-queries", "max-baseline-share", "min-share",
        "min-count"));
    PurposeShift purposeShift = new PurposeShift(numbers.whole(p, shift, "min-baseline-queries", "purpose-shift", 100_000_000),
        numbers.fraction(p, shift, "max-baseline-share", "purpose-shift"), numbers.fraction(p, shift, "min-share", "purpose-shift"),
        numbers.whole(p, shift, "min-count", "purpose-shift", 1_000_000));
    if (purposeShift.minShare() <= purposeShift.maxBaselineShare()) {
      throw yaml.problem(p.get("min-share"), "min-share must be above max-baseline-share, or a purpose's usual share would be a shift");
    }

    Node hours = yaml.required(top, root, "unusual-hours", "the file");
    Map<String, Node> h = yaml.mapping(hours, "unusual-hours", List.of("min-baseline-queries", "min-count"));
    UnusualHours unusualHours = new UnusualHours(numbers.whole(h, hours, "min-baseline-queries", "unusual-hours", 100_000_000),
        numbers.whole(h, hours, "min-count", "unusual-hours", 1_000_000));

    Node fast = yaml.required(top, root, "fast-consent-use", "the file");
    Map<String, Node> f = yaml.mapping(fast, "fast-consent-use", List.of("max-seconds", "min-count"));
    FastConsentUse fastConsentUse = new FastConsentUse(numbers.whole(f, fast, "max-seconds", "fast-consent-use", 3600),
        numbers.whole(f, fast, "min-count", "fast-consent-use", 1_000_000));

    Node overdue = yaml.required(top, root, "overdue-disputes", "the file");
    Map<String, Node> o = yaml.mapping(overdue, "overdue-disputes", List.of("min-count"));
    OverdueDisputes overdueDisputes = new OverdueDisputes(numbers.whole(o, overdue, "min-count", "overdue-disputes", 1_000_000));

    Node upheld = yaml.required(top, root, "upheld-complaints", "the file");
    Map<String, Node> u = yaml.mapping(upheld, "upheld-complaints", List.of("min-count"));
    UpheldComplaints upheldComplaints = new UpheldComplaints(numbers.whole(u, upheld, "min-count", "upheld-complaints", 1_000_000));

    return new SignalPolicy(baselineDays, refusalRate, manySubjects, purposeShift, unusualHours, fastConsentUse, overdueDisputes,
        upheldComplaints);
  }

  /** Numbers in range, each problem at its own line. */
  private record Numbers(YamlDocument yaml) {

    int whole(Map<String, Node> members, Node owner, String key, String what, int max) {
      int value = yaml.positiveInteger(members, owner, key, what);
      if (value > max) {
        throw yaml.problem(members.get(key), key + " must be at most " + max);
      }
      return value;
    }

    /** A share or rate: more than 0, at most 1 (0.3 is 30 %). */
    double fraction(Map<String, Node> members, Node owner, String key, String what) {
      Node node = yaml.required(members, owner, key, what);
      double value = parse(node, key);
      if (value <= 0 || value > 1) {
        throw yaml.problem(node, key + " must be more than 0 and at most 1 (a share: 0.3 is 30 %)");
      }
      return value;
    }

    double decimal(Map<String, Node> members, Node owner, String key, String what, double min, double max) {
      Node node = yaml.required(members, owner, key, what);
      double value = parse(node, key);
      if (value <= min || value > max) {
        throw yaml.problem(node, key + " must be more than " + min + " and at most " + max);
      }
      return value;
    }

    private double parse(Node node, String key) {
      try {
        return new BigDecimal(yaml.scalar(node, key)).doubleValue();
      } catch (NumberFormatException e) {
        throw yaml.problem(node, key + " must be a number such as 0.25");
      }
    }
  }
}
