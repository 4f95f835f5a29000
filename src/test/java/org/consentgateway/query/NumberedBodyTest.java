package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The body spliced around its auditIndex is byte for byte the numbered body as JSON. */
class NumberedBodyTest {

  private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  @Test
  void theSplicedBodyIsTheNumberedBodyEncoded() throws Exception {
    ObjectNode hashed = JsonNodeFactory.instance.objectNode();
    hashed.put("queryId", "0b5c\"9\u00e9");
    hashed.put("purpose", "LOAN_APPROVAL");
    hashed.putObject("subject").put("name", "张\uD842\uDFB7").put("phone", "138****0000");
    hashed.putArray("disclosedFields").add("subject.name");
    NumberedBody body = NumberedBody.of(hashed, "queryId");

    for (long index : new long[] {0, 7, 1_234_567_890_123L}) {
      assertThat(new String(body.at(index), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(new String(JSON.writeValueAsBytes(QueryService.numbered(hashed, "queryId", index)),
              java.nio.charset.StandardCharsets.UTF_8));
      assertThat(body.at(index)).isEqualTo(JSON.writeValueAsBytes(QueryService.numbered(hashed, "queryId", index)));
    }
  }

  @Test
  void theIdMustComeFirst() {
    ObjectNode hashed = JsonNodeFactory.instance.objectNode().put("purpose", "X").put("queryId", "q");
    assertThatThrownBy(() -> NumberedBody.of(hashed, "queryId")).isInstanceOf(IllegalArgumentException.class);
  }
}
