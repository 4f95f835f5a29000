package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.SyntheticCreditData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestDatabase.class)
class PrivacyScanTest {

  @Test
  void aLoggedIdNumberIsFoundButHashesAndPseudonymsAreNot(@TempDir Path folder) throws Exception {
    Path log = folder.resolve("suite.log");
    Files.writeString(log, String.join("\n",
        "INFO issued an access token to institution:91350100M000100Y43",
        "INFO citizen:887ff6fed0c255510c45238ddfd6d748b9ff794a4d4c638fe61020c7c8d2f140 approved",
        "WARN lookup of 110105********002X",
        "ERROR lookup failed for 11010519491231002X"));

    assertThat(PrivacyScan.personalDataInFile(log)).containsExactly("line 4: " + PrivacyScan.ID_NUMBER);
  }

  @Test
  void loggedNamesAreFoundSyntheticOrFixedButNotTheirMaskedForms(@TempDir Path folder) throws Exception {
    Path log = folder.resolve("suite.log");
    Files.writeString(log, String.join("\n",
        "INFO imported subject 王秀英 from batch 3", // a synthetic name: surname, two given-name characters
        "INFO imported subject 李娜", // one given-name character
        "WARN answer held {\"name\":\"欧阳娜娜\"}", // a fixed test name, compound surname and all
        "INFO masked name 王** and 欧***",
        "ERROR note for 张三: no file"));

    assertThat(PrivacyScan.personalDataInFile(log)).containsExactly(
        "line 1: " + PrivacyScan.NAME, "line 2: " + PrivacyScan.NAME, "line 3: " + PrivacyScan.NAME,
        "line 5: " + PrivacyScan.NAME);
  }

  /** Lenders, authorities and places are made of the same characters; only a whole name counts. */
  @Test
  void institutionAndPlaceNamesAreNotNames(@TempDir Path folder) throws Exception {
    Path log = folder.resolve("suite.log");
    Files.writeString(log, String.join("\n",
        "INFO registered institution 中国建设银行 (91350100M000100Y43)",
        "INFO registered institution 马上消费金融股份有限公司",
        "INFO judgment by 武汉市武昌区人民法院, 国家税务总局北京市朝阳区税务局",
        "INFO purpose 贷款审批, category 不良信贷信息, address 广东省深圳市",
        "INFO lender 招商银行 at 长江路12号 and 黄河路3号",
        "INFO lender 福州示例银行, regulator 征信管理局, 示范银行"));

    assertThat(PrivacyScan.personalDataInFile(log)).isEmpty();
  }

  /** The scan follows the generator: each subject's name is found, none of its other words are. */
  @Test
  void everySyntheticNameIsFoundAndNoSyntheticLenderAuthorityOrAddressIs() {
    SyntheticCreditData synthetic = new SyntheticCreditData(11, LocalDate.of(2025, 6, 30));
    for (int i = 0; i < 500; i++) {
      CreditFile file = synthetic.next();
      List<String> words = new ArrayList<>();
      file.accounts().forEach(account -> words.add(account.lender()));
      file.publicRecords().forEach(record -> words.add(record.authority()));
      file.identity().address().ifPresent(words::add);

      assertThat(PrivacyScan.personalDataIn("{\"name\":\"" + file.identity().name() + "\"}"))
          .as("subject %d's name", i).containsExactly(PrivacyScan.NAME);
      assertThat(PrivacyScan.personalDataIn("INFO " + String.join(", ", words) + "."))
          .as("subject %d's lenders, authorities and address", i).isEmpty();
    }
  }

  @Test
  void bothKindsOnOneLineAreBothNamedButNeitherIsRepeated() {
    assertThat(PrivacyScan.personalDataIn("ERROR 11010519491231002X belongs to 赵建国"))
        .containsExactly(PrivacyScan.ID_NUMBER, PrivacyScan.NAME)
        .noneMatch(kind -> kind.contains("赵建国") || kind.contains("11010519491231002X"));
  }

  @Test
  void aRawIdNumberOrNameWrittenPastTheEntryRulesIsFoundAndNamedByIndexOnly(DatabaseCoordinates database)
      throws Exception {
    assertThat(PrivacyScan.personalDataInAuditLog(database)).isEmpty();

    // Straight into the table, as a bug or an insider could: the entry's own constructor would refuse it.
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement insert = connection.prepareStatement(
            "insert into audit_entries (idx, entry, leaf_hash, chain_hash) values (?, ?, ?, ?)")) {
      insert(insert, 0, "{\"actor\":\"citizen:11010519491231002X\",\"note\":\"hash 1234567890123456789012\"}");
      insert(insert, 1, "{\"actor\":\"institution:91350100M000100Y43\",\"note\":\"中国工商银行\"}");
      insert(insert, 2, "{\"note\":\"刘秀兰\"}");
      insert(insert, 3, "{\"note\":\"\\u5218\\u79c0\\u5170\"}"); // the same name, JSON-escaped

      assertThat(PrivacyScan.personalDataInAuditLog(database)).containsExactly(
          "entry 0: " + PrivacyScan.ID_NUMBER, "entry 2: " + PrivacyScan.NAME, "entry 3: " + PrivacyScan.NAME);
    } finally {
      try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
          Statement statement = connection.createStatement()) {
        statement.execute("delete from audit_entries"); // leave the class clean for the scan that follows it
      }
    }
  }

  private static void insert(PreparedStatement insert, long idx, String entry) throws Exception {
    insert.setLong(1, idx);
    insert.setBytes(2, entry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    insert.setBytes(3, new byte[32]);
    insert.setBytes(4, new byte[32]);
    insert.executeUpdate();
  }
}
