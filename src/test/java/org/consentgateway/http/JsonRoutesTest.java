package org.consentgateway.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JsonRoutesTest {

  @Test
  void membersLeaveInTheOrderTheyWerePut() {
    ObjectNode json = JsonNodeFactory.instance.objectNode().put("queryId", "q").put("auditIndex", 12345678901L).put("a", 1);
    json.putArray("disclosedFields").add("summary.accountCount");

    assertThat(new String(JsonRoutes.encode(json), UTF_8))
        .isEqualTo("{\"queryId\":\"q\",\"auditIndex\":12345678901,\"a\":1,\"disclosedFields\":[\"summary.accountCount\"]}");
  }

  @Test
  void textIsUtf8WithOnlyTheEscapesJsonRequires() {
    ObjectNode json = JsonNodeFactory.instance.objectNode().put("name", "𠀋一 \"示范\" \\ / \u0001");

    // A character outside the BMP (a rare CJK name character) is its four UTF-8 bytes, as in RFC 8785, not a surrogate escape pair.
    assertThat(new String(JsonRoutes.encode(json), UTF_8)).isEqualTo("{\"name\":\"𠀋一 \\\"示范\\\" \\\\ / \\u0001\"}");
  }
}
