package org.duban.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sponsor office's steps on the item from the phone, two taps each: grading a completion request
 * (R33), and, once a leader approved the grade, asking for sign-off (R34).
 */
class SponsorGradeTest extends PhoneTest {
  static final String TITLE = "主干道积水点";

  long itemId() {
    return server.get("/items?status=open", server.tokenOf("keshi1")).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(i -> i.getString("title").contains(TITLE)).findFirst().orElseThrow().getLong("id");
  }

  JsonObject item(long id) {
    return server.get("/items/" + id, server.tokenOf("keshi1")).bodyAsJsonObject();
  }

  void ok(HttpMethod method, String path, String login, JsonObject body) {
    var answer = body == null ? server.request(method, path, server.tokenOf(login)).send().await() : server.send(method, path, server.tokenOf(login), body);
    assertThat(answer.statusCode()).as(path + " " + answer.bodyAsString()).isEqualTo(200);
  }

  Locator button(String name) {
    return page.locator("duban-office").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  @Test
  void theSponsorGradesACompletionRequestThenAsksForSignOffOnceTheGradeIsApproved() {
    long id = itemId();
    var reported = server.request(HttpMethod.POST, "/items/" + id + "/reports", server.tokenOf("fgw"))
        .putHeader("Idempotency-Key", "grade-" + UUID.randomUUID())
        .sendJsonObject(new JsonObject().put("text", "全市 37 处积水点已全部整改完毕，整改报告已报送。")).await();
    assertThat(reported.statusCode()).isEqualTo(201);
    ok(HttpMethod.POST, "/items/" + id + "/completion", "fgw", null);

    Phone.signIn(page, "keshi1", DemoData.PASSWORD);
    page.locator("duban-item-card").filter(new Locator.FilterOptions().setHasText(TITLE)).click();
    Locator office = page.locator("duban-office");
    assertThat(office).containsText("承办单位已申请办结");
    // a completion is graded, not reviewed: the report carries no 采纳 or 退回 now
    assertThat(page.locator("duban-review")).hasCount(0);

    button("良好").click();
    assertThat(button("良好")).hasAttribute("aria-pressed", "true");
    office.getByLabel("评定意见（可选）").fill("整改及时，报送材料完整。");
    office.evaluate("el => { el.scrollIntoView({ block: 'start' }); window.scrollBy(0, -60); }");
    Phone.screen(page, "item-sponsor-grade");
    assertThat(item(id).getString("status")).isEqualTo("completion_requested");
    button("确认评定为“良好”").click();
    assertThat(office).containsText("已评定为“良好”，等待分管副秘书长");
    JsonObject graded = item(id);
    assertThat(graded.getString("status")).isEqualTo("graded");
    assertThat(graded.getString("grade")).isEqualTo("good");
    assertThat(page.locator("duban-message").filter(new Locator.FilterOptions().setHasText("评定等次：良好"))).hasCount(1);

    // the deputy secretary-general approves it elsewhere; the open item follows, and offers the sign-off
    ok(HttpMethod.POST, "/items/" + id + "/grade/approve", "fumishu", null);
    assertThat(button("申请销号")).isVisible();
    button("申请销号").click();
    assertThat(item(id).getString("status")).isEqualTo("grade_approved");
    button("确认申请销号").click();
    assertThat(office).containsText("已申请销号");
    assertThat(item(id).getString("status")).isEqualTo("sign_off_requested");
    Phone.screen(page, "item-sponsor-sign-off-asked");
  }

  @Test
  void aLiaisonSeesNoneOfTheSponsorsSteps() {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    page.locator("duban-item-card").first().click();
    assertThat(page.locator("duban-item h1")).isVisible();
    assertThat(page.locator("duban-steps")).hasCount(1);
    assertThat(page.locator("duban-office")).hasCount(0);
    assertThat(page.locator("duban-review")).hasCount(0);
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("采纳"))).hasCount(0);
  }
}
