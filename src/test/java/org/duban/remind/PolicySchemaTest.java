package org.duban.remind;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.duban.http.Contract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped policy documents against the contract's own schema, read as the router reads it: the
 * start-up path does not pass the router, so this is what keeps the files and the schema together.
 */
class PolicySchemaTest {
  static Vertx vertx;
  static Validator schema;

  @BeforeAll
  static void readContract() throws Exception {
    vertx = Vertx.vertx();
    OpenAPIContract contract = await(Contract.read(vertx).compose(document -> Contract.parse(vertx, document)));
    // the body POST /reminder-policies is validated with, which is #/components/schemas/ReminderPolicy
    schema = contract.getSchemaRepository().validator(contract.operation("addReminderPolicy").getRequestBody()
        .getContent().get("application/json").getSchema());
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static JsonObject shippedDocument(String resource) throws IOException {
    try (InputStream in = PolicySchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static List<String> failures(JsonObject document) {
    OutputUnit result = schema.validate(document);
    return result.getValid() ? List.of() : result.getErrors().stream().map(e -> e.getInstanceLocation() + " " + e.getError()).toList();
  }

  @Test
  void everyShippedVersionHasTheContractsShape_R13_R20() throws IOException {
    assertThat(ReminderPolicy.SHIPPED).hasSize(2);
    for (String resource : ReminderPolicy.SHIPPED) {
      assertThat(failures(shippedDocument(resource))).as(resource).isEmpty();
      // and so does what GET /reminder-policy answers for it
      assertThat(failures(ReminderPolicy.fromJson(shippedDocument(resource)).toJson())).as(resource).isEmpty();
    }
  }

  @Test
  void theSchemaRefusesWhatTheReaderNoLongerChecks_R13_R15_R18_R20_R21() throws IOException {
    JsonObject shipped = shippedDocument("reminders/policy-v2.json");
    List<JsonObject> broken = List.of(
        shipped.copy().put("colour", "red"),
        shipped.copy().put("version", 0),
        shipped.copy().put("merge", new JsonObject().put("window", "P1M")),
        shipped.copy().put("urge", new JsonObject().put("bands", new JsonArray().add(new JsonObject().put("until", "P1D").put("every", "PT0S")))),
        shipped.copy().put("quietHours", new JsonObject().put("from", "22:00").put("until", "24:00")),
        shipped.copy().put("quarterly", shipped.getJsonObject("quarterly").copy().put("fourthQuarterAdvance", "P7DT1H")),
        shipped.copy().put("monthly", shipped.getJsonObject("monthly").copy().put("urgeDays", 29)));
    assertThat(broken).allSatisfy(document -> assertThat(failures(document)).isNotEmpty());
    JsonObject badDate = shipped.copy();
    badDate.getJsonObject("reporting").getJsonArray("profiles").getJsonObject(2).put("quarterlyBy", new JsonArray().add("02-29"));
    assertThat(failures(badDate)).isNotEmpty();
  }
}
