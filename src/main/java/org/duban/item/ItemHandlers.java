package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import org.duban.auth.SessionGuard;
import org.duban.auth.Principal;
import org.duban.http.Api;
import org.duban.fault.Refusal;
import org.duban.http.Reply;
import org.duban.http.Requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The contract's item operations: registration, reading, lists, and one operation per lifecycle command. */
public final class ItemHandlers {
  private ItemHandlers() {
  }

  public static void mount(Api api, ItemService items) {
    api.on("registerItem", rc -> items.register(SessionGuard.principal(rc), Registration.fromJson(Requests.body(rc)))
        .map(view -> Reply.created(view, "/items/" + view.getLong("id"))));
    api.on("listItems", rc -> items.list(SessionGuard.principal(rc), filter(rc), Paging.decode(text(rc, "cursor")), limit(rc))
        .map(Reply::ok));
    api.on("getItem", rc -> items.get(SessionGuard.principal(rc), itemId(rc)).map(Reply::ok));
    api.on("listItemEvents", rc -> items.events(SessionGuard.principal(rc), itemId(rc)).map(e -> Reply.ok(new JsonObject().put("items", e))));
    api.on("markItemRead", rc -> items.markRead(SessionGuard.principal(rc), itemId(rc), Requests.body(rc).getLong("eventId"))
        .map(Reply::ok));
    api.on("listItemReports", rc -> items.reports(SessionGuard.principal(rc), itemId(rc)).map(r -> Reply.ok(new JsonObject().put("items", r))));
    api.on("submitReport", ItemHandlers.submit(items));
    COMMANDS.forEach((operation, parse) -> api.on(operation, rc -> items.command(SessionGuard.principal(rc), itemId(rc),
        parse.apply(new CommandInput(SessionGuard.principal(rc), Requests.body(rc)))).map(Reply::ok)));
  }

  /** What a command is built from: the caller (whose unit a liaison's command is about) and the body. */
  record CommandInput(Principal who, JsonObject body) {
    long ownUnit() {
      return who.unitId().orElseThrow(() -> Refusal.forbidden("only a unit's liaison does this"));
    }

    long unit() {
      return body.getLong("unitId");
    }

    Instant instant(String field) {
      return Fields.instant("/" + field, body.getString(field));
    }
  }

  static final Map<String, Function<CommandInput, Command>> COMMANDS = Map.ofEntries(
      Map.entry("approveItem", in -> new Command.Approve()),
      Map.entry("returnReport", in -> new Command.ReturnReport(in.unit(), in.body().getString("reason"))),
      Map.entry("acceptReport", in -> new Command.AcceptReport(in.unit())),
      Map.entry("requestExtension", in -> new Command.RequestExtension(in.ownUnit(), in.instant("newDeadline"),
          in.body().getString("plan"), milestones(in.body().getJsonArray("milestones", new JsonArray())))),
      Map.entry("grantExtension", in -> new Command.GrantExtension(in.unit())),
      Map.entry("refuseExtension", in -> new Command.RefuseExtension(in.unit(), in.body().getString("reason"))),
      Map.entry("recordAgreement", in -> new Command.RecordAgreement(in.ownUnit(), in.body().getBoolean("agreed"), in.body().getString("note"))),
      Map.entry("startVerification", in -> new Command.SendToVerification(in.body().getString("method"))),
      Map.entry("recordVerification", in -> new Command.RecordVerification(in.body().getBoolean("passed"), in.body().getString("note"))),
      Map.entry("requestCompletion", in -> new Command.RequestCompletion(in.ownUnit())),
      Map.entry("gradeItem", in -> new Command.GradeCompletion(Vocabulary.parse(Grade.class, in.body().getString("grade")),
          in.body().getString("note"))),
      Map.entry("approveGrade", in -> new Command.ApproveGrade()),
      Map.entry("requestSignOff", in -> new Command.RequestSignOff()),
      Map.entry("checkSignOff", in -> new Command.CheckSignOff()),
      Map.entry("closeItem", in -> new Command.ApproveClose()),
      Map.entry("recheckItem", in -> new Command.Recheck(in.body().getBoolean("passed"), in.body().getString("reason"),
          in.instant("newDeadline"))));

  private static Function<RoutingContext, Future<Reply>> submit(ItemService items) {
    return rc -> {
      JsonObject body = Requests.body(rc);
      String key = rc.request().getHeader("Idempotency-Key");
      List<UUID> attachments = body.getJsonArray("attachmentIds", new JsonArray()).stream().map(id -> UUID.fromString((String) id)).toList();
      return items.submitReport(SessionGuard.principal(rc), itemId(rc), body.getString("text"), body.getBoolean("completion", false),
              attachments, key)
          .map(s -> s.replayed() ? new Reply(200, s.report(), Map.of("Idempotent-Replayed", "true"))
              : Reply.created(s.report(), "/items/" + itemId(rc) + "/reports"));
    };
  }

  static ItemQueries.Filter filter(RoutingContext rc) {
    return new ItemQueries.Filter(text(rc, "board").orElse(null), text(rc, "status").orElse(null),
        number(rc, "unitId"), number(rc, "sponsorUnitId"), text(rc, "source").orElse(null), text(rc, "node").orElse(null),
        flag(rc, "keySupervision"), flag(rc, "overdue"), null, null, false);
  }

  private static List<Extension.Milestone> milestones(JsonArray json) {
    return json.stream().map(m -> (JsonObject) m)
        .map(m -> new Extension.Milestone(LocalDate.parse(m.getString("date")), m.getString("description"))).toList();
  }

  static long itemId(RoutingContext rc) {
    return Requests.pathLong(rc, "itemId");
  }

  private static int limit(RoutingContext rc) {
    return Requests.query(rc, "limit").map(RequestParameter::getInteger).orElse(Paging.DEFAULT_LIMIT);
  }

  static Optional<String> text(RoutingContext rc, String name) {
    return Requests.query(rc, name).map(RequestParameter::getString);
  }

  private static Long number(RoutingContext rc, String name) {
    return Requests.query(rc, name).map(RequestParameter::getLong).orElse(null);
  }

  private static Boolean flag(RoutingContext rc, String name) {
    return Requests.query(rc, name).map(RequestParameter::getBoolean).orElse(null);
  }
}
