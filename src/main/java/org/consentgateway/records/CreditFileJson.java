package org.consentgateway.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.consentgateway.value.InvalidIdentifierException;
import org.consentgateway.value.ResidentIdNumber;

/**
 * The JSON form of credit data: one {@link CreditFile} per line of an import file, and the
 * payloads stored (encrypted) per row. Mapping is written out field by field: the wire format is
 * a contract and must not follow renamed Java fields.
 */
public final class CreditFileJson {

  /** Mainland mobile numbers: 11 digits starting with 1. */
  private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}");
  private static final int MAX_NAME_LENGTH = 64;
  private static final int MAX_TEXT_LENGTH = 200;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CreditFileJson() {}

  /** Either a valid credit file or every problem found in the line. */
  public record Parsed(Optional<CreditFile> file, List<String> problems) {
    public Parsed {
      problems = List.copyOf(problems);
    }
  }

  public static Parsed parse(String line) {
    JsonNode root;
    try {
      root = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending text, which may be personal data: give the column only.
      return new Parsed(Optional.empty(), List.of("not valid JSON (at column " + e.getLocation().getColumnNr() + ")"));
    }
    if (root == null || !root.isObject()) {
      return new Parsed(Optional.empty(), List.of("must be a JSON object"));
    }
    JsonFields fields = new JsonFields();
    Optional<SubjectIdentity> identity = identity(root, fields);
    List<CreditAccount> accounts = list(root, "accounts", fields, CreditFileJson::account);
    List<PublicRecord> publicRecords = list(root, "publicRecords", fields, CreditFileJson::publicRecord);
    if (!fields.ok() || identity.isEmpty()) {
      return new Parsed(Optional.empty(), fields.problems());
    }
    return new Parsed(Optional.of(new CreditFile(identity.get(), accounts, publicRecords)), List.of());
  }

  public static ObjectNode toJson(CreditFile file) {
    ObjectNode node = identityJson(file.identity());
    ArrayNode accounts = node.putArray("accounts");
    file.accounts().forEach(account -> accounts.add(accountJson(account)));
    ArrayNode publicRecords = node.putArray("publicRecords");
    file.publicRecords().forEach(record -> publicRecords.add(publicRecordJson(record)));
    return node;
  }

  public static ObjectNode identityJson(SubjectIdentity identity) {
    ObjectNode node = NODES.objectNode();
    node.put("idNumber", identity.idNumber().value());
    node.put("name", identity.name());
    identity.phone().ifPresent(phone -> node.put("phone", phone));
    identity.address().ifPresent(address -> node.put("address", address));
    return node;
  }

  public static ObjectNode accountJson(CreditAccount account) {
    ObjectNode node = NODES.objectNode();
    node.put("id", account.id().toString());
    node.put("type", account.type().name());
    node.put("lender", account.lender());
    node.put("openedOn", account.openedOn().toString());
    account.closedOn().ifPresent(date -> node.put("closedOn", date.toString()));
    node.put("creditLimit", account.creditLimit());
    node.put("balance", account.balance());
    node.put("overdueAmount", account.overdueAmount());
    node.put("status", account.status().name());
    node.put("repayment24", account.repayment24());
    account.negativeEndedOn().ifPresent(date -> node.put("negativeEndedOn", date.toString()));
    return node;
  }

  public static ObjectNode publicRecordJson(PublicRecord record) {
    ObjectNode node = NODES.objectNode();
    node.put("id", record.id().toString());
    node.put("type", record.type().name());
    node.put("authority", record.authority());
    node.put("amount", record.amount());
    node.put("filedOn", record.filedOn().toString());
    record.endedOn().ifPresent(date -> node.put("endedOn", date.toString()));
    return node;
  }

  /** Reads an account back from its stored payload; the payload was validated when written. */
  public static CreditAccount account(JsonNode node) {
    JsonFields fields = new JsonFields();
    Optional<CreditAccount> account = account(node, "account", fields);
    return account.orElseThrow(() -> new IllegalStateException("stored account is malformed: " + fields.problems()));
  }

  /** Reads a public record back from its stored payload. */
  public static PublicRecord publicRecord(JsonNode node) {
    JsonFields fields = new JsonFields();
    Optional<PublicRecord> record = publicRecord(node, "publicRecord", fields);
    return record.orElseThrow(() -> new IllegalStateException("stored public record is malformed: " + fields.problems()));
  }

  /** What is wrong with {@code node} as a record of {@code kind}; empty when it is a valid one. */
  public static List<String> problems(RecordKind kind, JsonNode node) {
    JsonFields fields = new JsonFields();
    // A switch expression, so a kind added later does not compile until it has its own checks.
    Optional<? extends Record> checked = switch (kind) {
      case ACCOUNT -> account(node, "", fields);
      case PUBLIC_RECORD -> publicRecord(node, "", fields);
    };
    return checked.isPresent() ? List.of() : fields.problems();
  }

  /** Reads an identity back from its stored payload. */
  public static SubjectIdentity identity(JsonNode node) {
    JsonFields fields = new JsonFields();
    return identity(node, fields)
        .orElseThrow(() -> new IllegalStateException("stored identity is malformed: " + fields.problems()));
  }

  private static Optional<SubjectIdentity> identity(JsonNode root, JsonFields fields) {
    Optional<ResidentIdNumber> idNumber = fields.requiredText(root, "", "idNumber").flatMap(text -> {
      try {
        return Optional.of(ResidentIdNumber.parse(text));
      } catch (InvalidIdentifierException e) {
        fields.problem("idNumber", e.getMessage());
        return Optional.empty();
      }
    });
    Optional<String> name = fields.requiredText(root, "", "name");
    if (name.isPresent() && name.get().length() > MAX_NAME_LENGTH) {
      fields.problem("name", "must be at most " + MAX_NAME_LENGTH + " characters");
    }
    Optional<String> phone = fields.optionalText(root, "", "phone");
    if (phone.isPresent() && !PHONE.matcher(phone.get()).matches()) {
      fields.problem("phone", "must be an 11-digit mobile number starting with 1");
    }
    Optional<String> address = fields.optionalText(root, "", "address");
    if (address.isPresent() && address.get().length() > MAX_TEXT_LENGTH) {
      fields.problem("address", "must be at most " + MAX_TEXT_LENGTH + " characters");
    }
    if (idNumber.isEmpty() || name.isEmpty() || !fields.ok()) {
      return Optional.empty();
    }
    return Optional.of(new SubjectIdentity(idNumber.get(), name.get(), phone, address));
  }

  private interface ElementReader<T> {
    Optional<T> read(JsonNode node, String path, JsonFields fields);
  }

  private static <T> List<T> list(JsonNode root, String name, JsonFields fields, ElementReader<T> reader) {
    JsonNode array = root.get(name);
    List<T> items = new ArrayList<>();
    if (array == null || array.isNull()) {
      return items;
    }
    if (!array.isArray()) {
      fields.problem(name, "must be an array");
      return items;
    }
    for (int i = 0; i < array.size(); i++) {
      String path = name + "[" + i + "]";
      JsonNode element = array.get(i);
      if (!element.isObject()) {
        fields.problem(path, "must be an object");
        continue;
      }
      reader.read(element, path, fields).ifPresent(items::add);
    }
    return items;
  }

  private static Optional<CreditAccount> account(JsonNode node, String path, JsonFields fields) {
    int before = fields.problems().size();
    var id = fields.requiredUuid(node, path, "id");
    var type = fields.requiredEnum(node, path, "type", AccountType.class);
    var lender = fields.requiredText(node, path, "lender");
    var openedOn = fields.requiredDate(node, path, "openedOn");
    var closedOn = fields.optionalDate(node, path, "closedOn");
    var creditLimit = fields.requiredAmount(node, path, "creditLimit");
    var balance = fields.requiredAmount(node, path, "balance");
    var overdueAmount = fields.requiredAmount(node, path, "overdueAmount");
    var status = fields.requiredEnum(node, path, "status", AccountStatus.class);
    var repayment = fields.requiredText(node, path, "repayment24");
    var negativeEndedOn = fields.optionalDate(node, path, "negativeEndedOn");
    if (repayment.isPresent() && !CreditAccount.REPAYMENT_PATTERN.matcher(repayment.get()).matches()) {
      fields.problem(JsonFields.join(path, "repayment24"), "must be 24 characters of N, 1-7, C or /");
    }
    if (openedOn.isPresent() && closedOn.isPresent() && closedOn.get().isBefore(openedOn.get())) {
      fields.problem(JsonFields.join(path, "closedOn"), "is before openedOn");
    }
    if (lender.isPresent() && lender.get().length() > MAX_TEXT_LENGTH) {
      fields.problem(JsonFields.join(path, "lender"), "must be at most " + MAX_TEXT_LENGTH + " characters");
    }
    if (fields.problems().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new CreditAccount(id.get(), type.get(), lender.get(), openedOn.get(), closedOn,
        creditLimit.get(), balance.get(), overdueAmount.get(), status.get(), repayment.get(), negativeEndedOn));
  }

  private static Optional<PublicRecord> publicRecord(JsonNode node, String path, JsonFields fields) {
    int before = fields.problems().size();
    var id = fields.requiredUuid(node, path, "id");
    var type = fields.requiredEnum(node, path, "type", PublicRecordType.class);
    var authority = fields.requiredText(node, path, "authority");
    var amount = fields.requiredAmount(node, path, "amount");
    var filedOn = fields.requiredDate(node, path, "filedOn");
    Optional<LocalDate> endedOn = fields.optionalDate(node, path, "endedOn");
    if (filedOn.isPresent() && endedOn.isPresent() && endedOn.get().isBefore(filedOn.get())) {
      fields.problem(JsonFields.join(path, "endedOn"), "is before filedOn");
    }
    if (authority.isPresent() && authority.get().length() > MAX_TEXT_LENGTH) {
      fields.problem(JsonFields.join(path, "authority"), "must be at most " + MAX_TEXT_LENGTH + " characters");
    }
    if (fields.problems().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new PublicRecord(id.get(), type.get(), authority.get(), amount.get(), filedOn.get(), endedOn));
  }
}
