package org.duban.item;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a sponsor office fills in to register an item (立项). The sponsor is the registering
 * person's office: "whoever registers, supervises".
 *
 * @param severity for rectifications (R36): "ordinary" (7 days) or "major" (30 days)
 * @param confidentialityAcknowledged R06: the registrant confirms no classified matter is entered
 */
public record Registration(Kind kind, Optional<Board> board, String source, String title, String body, long leadUnitId,
                           List<Long> cooperatingUnitIds, String responsibleLeader, Optional<String> serviceObject,
                           Optional<Node> node, Optional<Instant> deadline, Optional<String> severity,
                           List<String> problems, Optional<String> plan, boolean confidentialityAcknowledged) {

  /** From a registration request the contract has already checked. */
  public static Registration fromJson(JsonObject b) {
    return new Registration(Vocabulary.parse(Kind.class, b.getString("kind")),
        Optional.ofNullable(b.getString("board")).map(v -> Vocabulary.parse(Board.class, v)),
        b.getString("source"), b.getString("title"), b.getString("body"), b.getLong("leadUnitId"),
        b.getJsonArray("cooperatingUnitIds", new JsonArray()).stream().map(v -> ((Number) v).longValue()).toList(),
        b.getString("responsibleLeader"), Optional.ofNullable(b.getString("serviceObject")),
        Optional.ofNullable(b.getString("node")).map(Node::fromWire),
        Optional.ofNullable(Fields.instant("/deadline", b.getString("deadline"))),
        Optional.ofNullable(b.getString("severity")),
        b.getJsonArray("problems", new JsonArray()).stream().map(String::valueOf).toList(),
        Optional.ofNullable(b.getString("plan")),
        b.getBoolean("confidentialityAcknowledged", false));
  }
}
