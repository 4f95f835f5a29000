package org.consentgateway.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.PublicRecordType;
import org.consentgateway.repair.Evidence;
import org.consentgateway.repair.Repairs;
import org.consentgateway.web.PageClient.FilePart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The repair form's documents, over HTTP as a browser sends them ({@code multipart/form-data}): a
 * PDF and a PNG are applied with and the API lists them by name, type and size, sealed at rest;
 * too big for the category (40 KB), a type other than PDF, PNG or JPEG, or more than five
 * documents is said on the form (400) and nothing is stored; without the CSRF token it is 403,
 * past the body limit 413, each storing nothing; no upload directory is ever made.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepairAttachmentsTest {

  private static final Messages ENGLISH = Messages.load().get(Language.EN);
  private static final LocalDate TODAY = LocalDate.now(Repairs.ZONE);
  private static final byte[] PDF = "%PDF-1.4\n% a payment certificate\n%%EOF\n".getBytes(UTF_8);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  private static final String WORDS = "The arrears and the late fee were paid half a year ago.";

  private final PublicRecord paid = new PublicRecord(UUID.randomUUID(), PublicRecordType.TAX_ARREARS, "国家税务总局示范市税务局", 8_000,
      TODAY.minusYears(2), Optional.of(TODAY.minusMonths(6)));
  private AppWorld world;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    world = new AppWorld(database, Files.createTempDirectory("repair-attachments-test"), List.of(paid));
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
    assertThat(Path.of("file-uploads")).as("no upload directory").doesNotExist();
  }

  @Test
  void theFormOffersAFileInputForTheAcceptedTypes() throws Exception {
    String form = AppGateway.page(world.page(RepairPages.newPath(paid.id().toString()), "cg_lang=en"), 200);
    assertThat(form).contains("enctype=\"multipart/form-data\"", "type=\"file\"", "name=\"attachments\"", "multiple",
        "accept=\"application/pdf,image/jpeg,image/png\"", ENGLISH.text("repairs.attachments.hint", 5, "40"));
  }

  @Test
  void documentsAreAppliedWithSealedAndListedByTheApi() throws Exception {
    HttpResponse<String> applied = send(WORDS, List.of(new FilePart("attachments", "完税证明.pdf", "application/pdf", PDF),
        new FilePart("attachments", "receipt.png", "image/png", PNG)));
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(303);
    assertThat(applied.headers().firstValue("Location")).hasValue(RepairPages.PATH + "?done=repair-applied");

    JsonObject repair = repairs().getJsonObject(0);
    JsonArray attachments = repair.getJsonObject("evidence").getJsonArray("attachments");
    assertThat(attachments).hasSize(2);
    assertThat(attachments.getJsonObject(0).getMap()).containsEntry("name", "完税证明.pdf").containsEntry("mediaType", "application/pdf")
        .containsEntry("bytes", PDF.length).doesNotContainKey("content");
    assertThat(attachments.getJsonObject(1).getMap()).containsEntry("name", "receipt.png").containsEntry("mediaType", "image/png")
        .containsEntry("bytes", PNG.length);
    assertThat(sealedEvidence(repair.getString("id"))).as("sealed at rest")
        .doesNotContain("payment certificate", "receipt.png", WORDS);

    world.api.json(world.api.post("/v1/me/repairs/" + repair.getString("id") + "/withdraw", world.citizenToken(), new JsonObject()), 200);
  }

  @Test
  void tooBigWrongTypeOrTooManyIsSaidOnTheFormAndNothingIsStored() throws Exception {
    int before = repairs().size();
    byte[] big = Arrays.copyOf(PNG, 40 * 1024 + 1);
    assertRefused(List.of(new FilePart("attachments", "big.png", "image/png", big)), ENGLISH.text("form.repair.attachments.tooBig", "40"));
    // Each small enough, together too big.
    assertRefused(List.of(new FilePart("attachments", "a.png", "image/png", Arrays.copyOf(PNG, 21 * 1024)), new FilePart("attachments", "b.png",
        "image/png", Arrays.copyOf(PNG, 21 * 1024))), ENGLISH.text("form.repair.attachments.tooBig", "40"));
    assertRefused(List.of(new FilePart("attachments", "note.html", "text/html", "<script>alert(1)</script>".getBytes(UTF_8))),
        ENGLISH.text("form.repair.attachments.type"));
    List<FilePart> six = new ArrayList<>();
    for (int i = 0; i < Evidence.MAX_ATTACHMENTS + 1; i++) {
      six.add(new FilePart("attachments", "page" + i + ".pdf", "application/pdf", PDF));
    }
    assertRefused(six, ENGLISH.text("form.repair.attachments.tooMany", Evidence.MAX_ATTACHMENTS));
    assertThat(repairs()).as("nothing stored").hasSize(before);
  }

  @Test
  void anEmptyFileInputSendsNoDocument() throws Exception {
    int before = repairs().size();
    // What a browser sends for a file input left empty: an unnamed, empty part.
    HttpResponse<String> applied = send(WORDS, List.of(new FilePart("attachments", "", "application/octet-stream", new byte[0])));
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(303);
    JsonArray all = repairs();
    assertThat(all).hasSize(before + 1);
    JsonObject repair = all.stream().map(JsonObject.class::cast).filter(one -> one.getString("status").equals("PENDING")).findFirst().orElseThrow();
    assertThat(repair.getJsonObject("evidence").getJsonArray("attachments")).isEmpty();
    world.api.json(world.api.post("/v1/me/repairs/" + repair.getString("id") + "/withdraw", world.citizenToken(), new JsonObject()), 200);
  }

  @Test
  void withoutTheCsrfTokenOrPastTheBodyLimitNothingIsStored() throws Exception {
    int before = repairs().size();
    Map<String, String> noToken = new LinkedHashMap<>(Map.of(RepairPages.RECORD_FIELD, paid.id().toString(), RepairPages.EVIDENCE_FIELD, WORDS));
    HttpResponse<String> forged = world.citizen.postMultipart(RepairPages.NEW_PATH, noToken,
        List.of(new FilePart("attachments", "a.pdf", "application/pdf", PDF)), "cg_lang=en");
    assertThat(forged.statusCode()).isEqualTo(403);

    HttpResponse<String> huge = send(WORDS, List.of(new FilePart("attachments", "huge.pdf", "application/pdf", new byte[70 * 1024])));
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(repairs()).as("nothing stored").hasSize(before);
  }

  private void assertRefused(List<FilePart> files, String error) throws Exception {
    HttpResponse<String> refused = send(WORDS, files);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains(ENGLISH.text("repairs.new.title.error"), "class=\"error-summary\"", "href=\"#attachments\"", error,
        "id=\"attachments-error\"", "href=\"" + RepairPages.newPath(paid.id().toString()) + "&amp;lang=zh-CN\"");
  }

  private HttpResponse<String> send(String words, List<FilePart> files) throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(Page.CSRF_FIELD, world.citizen.csrfToken());
    fields.put(RepairPages.RECORD_FIELD, paid.id().toString());
    fields.put(RepairPages.EVIDENCE_FIELD, words);
    return world.citizen.postMultipart(RepairPages.NEW_PATH, fields, files, "cg_lang=en");
  }

  private JsonArray repairs() throws Exception {
    return world.api.jsonArray(world.api.get("/v1/me/repairs", world.citizenToken()));
  }

  private String sealedEvidence(String id) throws Exception {
    try (Connection connection = DriverManager.getConnection(world.database.jdbcUrl(), world.database.user(), world.database.password());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select evidence from repairs where id = '" + UUID.fromString(id) + "'")) {
      assertThat(row.next()).isTrue();
      return new String(row.getBytes(1), UTF_8);
    }
  }
}
