package org.duban.remind;

import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.Drill;
import org.duban.support.Links4Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Links4Test.FGW_FIRST;
import static org.duban.support.Links4Test.FGW_LIAISON;
import static org.duban.support.Links4Test.ZJJ_FIRST;
import static org.duban.support.Links4Test.ZJJ_LIAISON;
import static org.duban.support.Links4Test.codeIn;
import static org.duban.support.Links4Test.row;

/**
 * The engine's SMS carry their item's sign-in link (issue 9 §4): one per SMS, minted in the claiming
 * transaction, bound to the person whose phone it went to, and forgotten by the outbox once sent.
 */
class ReminderLinksTest {
  static Drill drill;
  static long item;
  static Map<String, JsonObject> sms;
  static long elsewhere;

  @BeforeAll
  static void start() {
    drill = Drill.start(ReminderLinksTest.class, Links4Test.settings(Map.of("auth.linkTtl", "36h")));
    long transport = unitNamed("市交通运输局");
    long county = unitNamed("东城区人民政府");
    // zjj's phone is also a sponsor's elsewhere: the person of the unit reminded comes first
    person("jtj-sponsor", "sponsor", transport, ZJJ_LIAISON);
    // the lead unit's head's phone is two people's in other units: nobody's
    person("jtj-a", "liaison", transport, FGW_FIRST);
    person("dcq-a", "liaison", county, FGW_FIRST);
    // the cooperating unit's head's phone is one liaison's elsewhere, and an administrator's, who never counts
    elsewhere = person("jtj-b", "liaison", transport, ZJJ_FIRST);
    person("admin-b", "admin", null, ZJJ_FIRST);
    var first = Links4Test.firstReminders(drill, List.of("市长批示：关于进一步加强全市城市道路积水点排查整治和汛期安全度汛保障工作的落实情况及下一步重点任务分解的通知"));
    item = first.keySet().iterator().next();
    sms = first.get(item);
  }

  @AfterAll
  static void stop() {
    drill.close();
  }

  static long unitNamed(String name) {
    return ((Number) drill.server.database().rows("SELECT id FROM unit WHERE name = '" + name + "'").get(0).get("id")).longValue();
  }

  static long person(String login, String role, Long unit, String phone) {
    var created = drill.server.send(io.vertx.core.http.HttpMethod.POST, "/people", drill.server.tokenOf("admin"), new JsonObject()
        .put("login", login).put("displayName", login).put("role", role).put("unitId", unit).put("phone", phone)
        .put("password", org.duban.demo.DemoData.PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getLong("id");
  }

  static long personId(String token) {
    return drill.server.get("/me", token).bodyAsJsonObject().getLong("id");
  }

  @Test
  void everySmsOfTheFirstRemindersEndsInALinkOfItsOwnWithinTwoSegments_R13() {
    assertThat(sms.keySet()).containsExactlyInAnyOrder(FGW_FIRST, FGW_LIAISON, ZJJ_FIRST, ZJJ_LIAISON);
    assertThat(sms.values()).allSatisfy(m -> {
      assertThat(m.getString("text")).startsWith("【督办】").contains("将于").matches(".*…》.*")
          .containsPattern(" https://duban\\.example\\.gov\\.cn/m#[A-Za-z0-9_-]{16}$");
      assertThat(m.getString("text").length()).isLessThanOrEqualTo(SmsText.MAX);
      assertThat(m.getJsonArray("rules").getList()).contains("R13");
    });
    assertThat(sms.values().stream().map(Links4Test::codeIn).distinct()).hasSize(4);
  }

  @Test
  void eachLinkIsBoundToThePersonWithItsPhoneAndToTheItem_R03() {
    assertThat(row(drill.server, codeIn(sms.get(FGW_LIAISON)))).containsEntry("person_id", personId(drill.flow.fgw))
        .containsEntry("item_id", item).containsEntry("phone", FGW_LIAISON);
    assertThat(row(drill.server, codeIn(sms.get(ZJJ_LIAISON)))).containsEntry("person_id", personId(drill.flow.zjj))
        .containsEntry("item_id", item);
  }

  @Test
  void aPhoneOfSeveralPeopleOutsideTheUnitIsNobodysAndOneOfOnePersonElsewhereIsTheirs() {
    // the lead unit's head has no account, and two others share the phone: the link only names the item
    assertThat(row(drill.server, codeIn(sms.get(FGW_FIRST)))).containsEntry("person_id", null).containsEntry("item_id", item);
    // one person has it, an administrator aside
    assertThat(row(drill.server, codeIn(sms.get(ZJJ_FIRST)))).containsEntry("person_id", elsewhere);
  }

  @Test
  void aLinkLastsAsLongAsConfiguredOnTheWallClockNotTheDrills() {
    Map<String, Object> link = row(drill.server, codeIn(sms.get(FGW_LIAISON)));
    var created = ((java.sql.Timestamp) link.get("created_at")).toInstant();
    var expires = ((java.sql.Timestamp) link.get("expires_at")).toInstant();
    assertThat(Duration.between(created, expires)).isEqualTo(Duration.ofHours(36));
    // minted at the drill's 2026-03-02 23:00 on its simulated clock, but timed like a session, by the wall clock
    assertThat(Duration.between(created, java.time.Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));
  }

  @Test
  void onceSentTheOutboxKeepsTheTextButNotTheCode() {
    Await.until("the outbox to record the SMS as sent", () -> drill.server.database()
        .rows("SELECT state FROM outbox WHERE item_id = " + item + " AND state <> 'sent'").isEmpty(), Duration.ofSeconds(15));
    List<Map<String, Object>> kept = drill.server.database().rows("SELECT phone, body, secret FROM outbox WHERE item_id = " + item);
    assertThat(kept).hasSize(4).allSatisfy(r -> {
      assertThat(r.get("secret")).isNull();
      String sent = sms.get((String) r.get("phone")).getString("text");
      assertThat((String) r.get("body")).isEqualTo(sent.replace(codeIn(sms.get((String) r.get("phone"))), "…"))
          .endsWith("/m#…");
    });
  }
}
