package org.duban.live;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.auth.Principal;
import org.duban.item.ItemChange;
import org.duban.support.Await;
import org.duban.support.Drill;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/**
 * The seam for live pushes, on one node against a real PostgreSQL: a committed change reaches the hub's
 * subscribers through PostgreSQL's notification (issued inside the transaction, delivered on commit), a
 * rolled-back one never does, the reminder engine's key supervision arrives like any command's change, and
 * each subscriber gets exactly what the API shows the person it acts for (R03, R60).
 */
class LiveHubTest {
  static Drill drill;
  static TestServer server;
  static Items4Test flow;
  static LiveHub hub;

  @BeforeAll
  static void start() {
    drill = Drill.start(LiveHubTest.class, Map.of());
    server = drill.server;
    flow = drill.flow;
    hub = server.server().live();
  }

  @AfterAll
  static void stop() {
    drill.close();
  }

  static Principal person(String login) {
    return Probe.principal(server.database(), login);
  }

  static Probe subscribe(Principal who) {
    Probe probe = new Probe();
    hub.subscribe(who, probe);
    return probe;
  }

  /** An active item whose assignment every probe has heard, so that what a test looks at starts after it. */
  static long active(String title, String node, Probe... probes) {
    long id = flow.active(title, node).getLong("id");
    for (Probe probe : probes) {
      probe.await(id, "assigned");
      probe.mark();
    }
    return id;
  }

  @Test
  void aCommittedReportReachesASubscriberWithItsNewEvent_R22() {
    drill.clockTo("2026-03-02T01:00:00Z");
    Probe sponsor = subscribe(person("keshi1"));
    long id = active("实时推送：反馈到达", "7d", sponsor);
    JsonObject report = ok(flow.report(id, flow.fgw, "live-report-1", "已按要求完成第一阶段"), 201);

    ItemChange change = sponsor.await(id, "reported");
    JsonObject reported = change.events().stream().filter(e -> e.getString("type").equals("reported")).findFirst().orElseThrow();
    assertThat(reported.getLong("unitId")).isEqualTo(flow.fgwUnit);
    assertThat(reported.getJsonObject("data").getLong("reportId")).isEqualTo(report.getLong("id"));
    assertThat(reported.getString("rule")).isEqualTo("R22");
    // the item's state as the API shows it now, and the event as the timeline has it
    JsonObject shown = ok(server.get("/items/" + id, flow.sponsor), 200);
    assertThat(Items4Test.unit(change.item(), flow.fgwUnit).getString("status")).isEqualTo("reported");
    assertThat(change.item().getString("status")).isEqualTo(shown.getString("status"));
    assertThat(reported).isEqualTo(last(flow.events(id, flow.sponsor)));
  }

  @Test
  void aChangeRolledBackAfterItsWritesPublishesNothing() {
    drill.clockTo("2026-03-02T01:00:00Z");
    Probe sponsor = subscribe(person("keshi1"));
    long id = active("实时推送：回滚不发布", "7d", sponsor);
    // the report row, the unit's new state and the reported event are written, then an attachment that is
    // nobody's fails the transaction: all of it rolls back, the notification with it
    var refused = server.request(HttpMethod.POST, "/items/" + id + "/reports", flow.fgw).putHeader("Idempotency-Key", "live-rollback")
        .sendJsonObject(new JsonObject().put("text", "附件不存在").put("attachmentIds", new JsonArray().add(UUID.randomUUID().toString())))
        .await();
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(Items4Test.types(flow.events(id, flow.sponsor))).doesNotContain("reported");
    // a later change is heard; had the rolled-back one been published, it would have come first
    ok(flow.report(id, flow.fgw, "live-after-rollback", "补充反馈"), 201);
    sponsor.await(id, "reported");
    assertThat(sponsor.types(id)).containsExactly("reported");
    assertThat(sponsor.events(id).get(0)).isEqualTo(last(flow.events(id, flow.sponsor)));
  }

  @Test
  void theEnginesKeySupervisionIsALifecycleEventOfTheSystemAndReachesTheHub_R16() {
    drill.clockTo("2026-03-02T01:00:00Z");
    Probe supervision = subscribe(person("duchashi"));
    long id = active("实时推送：重点督办", "1d", supervision);
    drill.clockTo("2026-03-06T02:00:00Z"); // the deadline, Tuesday 09:00, three days and an hour ago
    ItemChange change = supervision.await(id, "key_supervision");
    JsonObject entered = change.events().stream().filter(e -> e.getString("type").equals("key_supervision")).findFirst().orElseThrow();
    assertThat(entered.getString("actorRole")).isEqualTo("system");
    assertThat(entered.getValue("actorId")).isNull();
    assertThat(entered.getString("rule")).isEqualTo("R16");
    assertThat(change.item().getBoolean("keySupervision")).isTrue();
    assertThat(Items4Test.types(flow.events(id, flow.sponsor))).containsOnlyOnce("key_supervision");
  }

  @Test
  void aLiaisonHearsOnlyWhatTheirUnitMaySee_R03_R60() {
    drill.clockTo("2026-03-02T01:00:00Z");
    Probe lead = subscribe(person("fgw"));
    Probe cooperating = subscribe(person("zjj"));
    Probe sponsor = subscribe(person("keshi1"));
    Probe outsider = subscribe(Probe.liaisonOf(flow.ownUnit(flow.sponsor)));
    long id = active("实时推送：各单位只见本单位", "7d", lead, cooperating, sponsor);

    // the lead's report and its return are the lead's own: the cooperating unit hears neither
    ok(flow.report(id, flow.fgw, "live-own-1", "牵头单位反馈"), 201);
    ok(flow.post("/items/" + id + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "请补充数据")), 200);
    lead.await(id, "returned");
    // the cooperating unit's own report it hears, and the item as the API shows it to that unit
    ok(flow.report(id, flow.zjj, "live-own-2", "配合单位反馈"), 201);
    ItemChange own = cooperating.await(id, "reported");
    sponsor.await(id, "returned");
    Await.until("the sponsor to hear both reports", () -> sponsor.types(id).stream().filter("reported"::equals).count() == 2,
        Duration.ofSeconds(5));
    lead.await(id, "reported");

    assertThat(cooperating.types(id)).containsExactly("reported");
    assertThat(cooperating.events(id)).allSatisfy(e -> assertThat(e.getLong("unitId")).isEqualTo(flow.zjjUnit));
    JsonObject leadSeenByCooperating = Items4Test.unit(own.item(), flow.fgwUnit);
    assertThat(leadSeenByCooperating.containsKey("status")).isFalse();
    assertThat(leadSeenByCooperating.containsKey("returns")).isFalse();
    assertThat(own.item()).isEqualTo(ok(server.get("/items/" + id, flow.zjj), 200));
    assertThat(lead.types(id)).containsExactly("reported", "returned");
    assertThat(lead.events(id)).allSatisfy(e -> assertThat(e.getLong("unitId")).isEqualTo(flow.fgwUnit));
    assertThat(sponsor.types(id)).containsExactly("reported", "returned", "reported");
    // a liaison of a unit not on the item hears nothing of it
    assertThat(outsider.of(id)).isEmpty();
  }

  static JsonObject last(JsonArray events) {
    return events.getJsonObject(events.size() - 1);
  }

  @Test
  void whatWasHandedOnIsKeptForAResumeCutToThePersonAndBounded_R03() {
    drill.clockTo("2026-03-02T01:00:00Z");
    Probe sponsor = subscribe(person("keshi1"));
    long id = active("实时推送：续传", "7d", sponsor);
    // where a phone that heard the assignment would resume from
    long point = sponsor.changes.stream().filter(c -> c.itemId() == id).reduce((a, b) -> b).orElseThrow().lastEventId();
    ok(flow.report(id, flow.fgw, "live-kept-1", "牵头单位反馈"), 201);
    ok(flow.report(id, flow.zjj, "live-kept-2", "配合单位反馈"), 201);
    Await.until("both reports handed on", () -> sponsor.types(id).stream().filter("reported"::equals).count() == 2, Duration.ofSeconds(5));

    LiveHub.Replay toSponsor = hub.since(person("keshi1"), point, 10).await().orElseThrow();
    assertThat(toSponsor.changes()).extracting(seen -> seen.change().events().get(0).getLong("unitId")).containsExactly(flow.fgwUnit, flow.zjjUnit);
    assertThat(toSponsor.upTo()).isEqualTo(toSponsor.changes().get(1).change().lastEventId());
    // the lead's liaison is not told of the cooperating unit's report (R03)
    LiveHub.Replay toFgw = hub.since(person("fgw"), point, 10).await().orElseThrow();
    assertThat(toFgw.changes()).hasSize(1);
    JsonObject asFgwSawIt = toFgw.changes().get(0).change().item();
    assertThat(Items4Test.unit(asFgwSawIt, flow.fgwUnit).getString("status")).isEqualTo("reported");
    assertThat(Items4Test.unit(asFgwSawIt, flow.zjjUnit).containsKey("status")).as("another unit's report state").isFalse();
    // more than the bound, or an event never handed on here: nothing, and the socket reads afresh instead
    assertThat(hub.since(person("keshi1"), point, 1).await()).isEmpty();
    assertThat(hub.since(person("keshi1"), Long.MAX_VALUE, 10).await()).isEmpty();
  }
}
