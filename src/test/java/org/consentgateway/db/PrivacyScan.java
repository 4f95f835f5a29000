package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.value.ResidentIdNumber;

/**
 * Looks through a test database's audit log, and the suite's log file, for personal data: a valid
 * resident ID number, or a personal name. Both must hold subjects only as pseudonyms, whatever a
 * test did: the suite's database extension runs this after every test class that used a database.
 *
 * <p>Names are those the suite's subjects can have: the fixed names tests use, found anywhere, and
 * the synthetic ones, a surname of {@code SyntheticVocabulary} followed by one or two given-name
 * characters of it. A synthetic name counts only as a whole run of Chinese characters: surnames
 * and given-name characters also occur inside lender, authority and place names (中国建设银行
 * holds the given-name characters 国 and 建, 马上消费金融 starts with the surname 马, 武汉市 with
 * 武), which logs and audit entries may legitimately hold. A name written straight into other
 * Chinese text is therefore missed.
 */
public final class PrivacyScan {

  /** 18 characters shaped like a resident ID number, not part of a longer run of letters or digits. */
  private static final Pattern ID_SHAPED = Pattern.compile("(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])");

  /** The names tests give their subjects outright (CreditFileFixture, MaskingTest, CreditFileJsonTest, ...). */
  static final List<String> FIXED_NAMES = List.of("欧阳娜娜", "张三");

  private static final Pattern SYNTHETIC_NAME = Pattern.compile("(?<!\\p{IsHan})[" + SyntheticCreditData.surnameCharacters() + "]["
      + SyntheticCreditData.givenNameCharacters() + "]{1,2}(?!\\p{IsHan})");

  /** A JSON {@code \}{@code uXXXX} escape: an audit entry could carry a name written that way. */
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9A-Fa-f]{4})");

  public static final String ID_NUMBER = "a resident ID number";
  static final String NAME = "a personal name";

  private PrivacyScan() {}

  /**
   * The kinds of personal data in {@code text} ({@link #ID_NUMBER}, {@link #NAME}); empty when it
   * is clean. Only kinds, so that a failure message never repeats what it found.
   */
  public static List<String> personalDataIn(String text) {
    List<String> kinds = new ArrayList<>();
    if (hasValidIdNumber(text)) {
      kinds.add(ID_NUMBER);
    }
    if (hasName(text)) {
      kinds.add(NAME);
    }
    return kinds;
  }

  /** Where personal data appears in a text file (the suite's log): "line N: <kind>"; empty when it is clean. */
  static List<String> personalDataInFile(Path file) throws IOException {
    List<String> findings = new ArrayList<>();
    if (!Files.exists(file)) {
      return findings;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      for (String kind : personalDataIn(lines.get(i))) {
        findings.add("line " + (i + 1) + ": " + kind);
      }
    }
    return findings;
  }

  /** Where personal data appears in the audit log: "entry N: <kind>"; empty when it is clean. */
  static List<String> personalDataInAuditLog(DatabaseCoordinates database) throws SQLException {
    List<String> findings = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      try (ResultSet exists = statement.executeQuery("select to_regclass('audit_entries') is not null")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return findings;
        }
      }
      try (ResultSet rows = statement.executeQuery("select idx, entry from audit_entries order by idx")) {
        while (rows.next()) {
          String entry = unescape(new String(rows.getBytes(2), StandardCharsets.UTF_8));
          for (String kind : personalDataIn(entry)) {
            findings.add("entry " + rows.getLong(1) + ": " + kind); // what was found is not repeated, even here
          }
        }
      }
    }
    return findings;
  }

  private static boolean hasValidIdNumber(String text) {
    Matcher matcher = ID_SHAPED.matcher(text);
    while (matcher.find()) {
      if (ResidentIdNumber.isValid(matcher.group().toUpperCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasName(String text) {
    // Every name is written in Han characters (U+2E80 and above): a text without one holds none,
    // and most audit entries are ASCII, so this spares the name pattern on a large log.
    if (text.chars().noneMatch(c -> c >= 0x2E80)) {
      return false;
    }
    return FIXED_NAMES.stream().anyMatch(text::contains) || SYNTHETIC_NAME.matcher(text).find();
  }

  private static String unescape(String json) {
    return UNICODE_ESCAPE.matcher(json)
        .replaceAll(escape -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
  }

  /**
   * Passes {@code response} through after scanning it if it is a problem: an error must not echo a
   * raw ID number or a name back, whatever the request held. Success bodies are not scanned: the
   * citizen's own report holds both.
   */
  public static HttpResponse<String> screened(HttpResponse<String> response) {
    if (response.headers().firstValue("Content-Type").orElse("").contains("problem+json")) {
      assertThat(personalDataIn(response.body()))
          .as("personal data in the problem body of a " + response.statusCode() + " response").isEmpty();
    }
    return response;
  }
}
