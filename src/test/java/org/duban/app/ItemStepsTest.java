package org.duban.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Extension (R32) and completion (R31) from the thread, and why they are not offered when they are not. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ItemStepsTest extends PhoneTest {
  static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
  /** How the form says a chosen moment, whatever the browser's date field shows. */
  static final DateTimeFormatter SAID = DateTimeFormatter.ofPattern("yyyy年M月d日 EEEE HH:mm", java.util.Locale.CHINA).withZone(ZoneId.of("Asia/Shanghai"));
  static final DateTimeFormatter DAY_SAID = DateTimeFormatter.ofPattern("yyyy年M月d日 EEEE", java.util.Locale.CHINA);

  /** The item as the sponsor sees it, and fgw's entry on it. */
  JsonObject item(long id) {
    return server.get("/items/" + id, server.tokenOf("keshi1")).bodyAsJsonObject();
  }

  static JsonObject lead(JsonObject item) {
    return item.getJsonArray("units").getJsonObject(0);
  }

  long open(String title) {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    page.locator("duban-item-card").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(title)).click();
    assertThat(page.locator("duban-item h1")).hasText(java.util.regex.Pattern.compile(title));
    return Long.parseLong(page.url().replaceAll(".*#/items/", ""));
  }

  @Test
  @Order(1)
  void anExtensionIsAskedForWithItsPlanAndMilestonesBeforeTheLastMoment() {
    long id = open("优化营商环境");
    Instant deadline = Instant.parse(lead(item(id)).getString("deadline"));
    String lastMoment = SHOWN.format(deadline.minus(Duration.ofDays(2)));
    assertThat(page.locator("duban-steps")).containsText("最迟可在 " + lastMoment + " 前申请延期");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("申请延期")).click();
    // the proposed date said in words, in Beijing time, and how far it moves the deadline
    Instant proposed = deadline.plus(Duration.ofDays(7));
    assertThat(page.locator("duban-steps [data-said=newDeadline]"))
        .hasText("即 " + SAID.format(proposed) + "（北京时间），比现在的时限晚 7 天");
    page.getByLabel("办理计划").fill("分两步完成全部 23 项政务服务事项的流程再造，再组织验收。");

    // two milestones, and a third half written, which is refused before anything goes
    java.time.LocalDate day = proposed.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    Locator steps = page.locator("duban-steps");
    Locator add = steps.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("＋ 添加节点"));
    add.click();
    assertThat(steps.getByLabel("节点 1 的日期")).isFocused();
    steps.getByLabel("节点 1 的日期").fill(day.minusDays(5).toString());
    steps.getByLabel("节点 1 要完成的事").fill("完成 23 项事项的流程再造");
    assertThat(steps.locator("[data-milestone='1']")).containsText(DAY_SAID.format(day.minusDays(5)));
    add.click();
    steps.getByLabel("节点 2 的日期").fill(day.minusDays(1).toString());
    steps.getByLabel("节点 2 要完成的事").fill("组织验收并报送验收报告");
    add.click();
    steps.getByLabel("节点 3 要完成的事").fill("公布新的办理时限");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交延期申请")).click();
    assertThat(steps.getByRole(AriaRole.ALERT)).containsText("节点安排还有没填好的地方");
    assertThat(steps.locator("[data-milestone='3']")).containsText("请选择这个节点的日期");
    assertThat(steps.getByLabel("节点 3 的日期")).isFocused();
    assertThat(lead(item(id)).getValue("extension")).isNull();
    Phone.screen(page, "item-extension-milestone-refused");
    steps.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("删除节点 3")).click();
    assertThat(steps.locator("[data-milestone]")).hasCount(2);
    steps.locator("[data-milestone='1']").evaluate("el => { el.scrollIntoView({ block: 'start' }); window.scrollBy(0, -180); }");
    Phone.screen(page, "item-extension-form");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交延期申请")).click();
    assertThat(page.locator("duban-steps")).containsText("延期申请已提交（新时限");
    Locator asked = page.locator("duban-message").filter(new Locator.FilterOptions().setHasText("申请延期"));
    assertThat(asked).hasCount(1);
    assertThat(asked).containsText("计划：分两步完成");
    // the request in the thread with its milestones, in date order
    assertThat(asked.locator("ol.milestones li")).hasText(new String[] {
        DAY_SAID.format(day.minusDays(5)) + "：完成 23 项事项的流程再造", DAY_SAID.format(day.minusDays(1)) + "：组织验收并报送验收报告"});

    JsonObject extension = lead(item(id)).getJsonObject("extension");
    assertThat(extension.getString("state")).isEqualTo("requested");
    assertThat(extension.getString("plan")).startsWith("分两步完成");
    assertThat(extension.getJsonArray("milestones")).isEqualTo(new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("date", day.minusDays(5).toString()).put("description", "完成 23 项事项的流程再造"))
        .add(new JsonObject().put("date", day.minusDays(1).toString()).put("description", "组织验收并报送验收报告")));
    // the form proposed a week past the deadline, in Shanghai time
    assertThat(Instant.parse(extension.getString("newDeadline"))).isEqualTo(deadline.plus(Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    // one request at a time: the button gives way to the waiting request
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("申请延期"))).hasCount(0);
    assertThat(page.locator("duban-steps")).containsText("等待督办科室审核");
    Phone.screen(page, "item-extension-asked");
  }

  @Test
  @Order(2)
  void pastTheLastMomentTheAppSaysWhyThereIsNoExtension() {
    long id = open("主干道积水点");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("申请延期"))).hasCount(0);
    assertThat(page.locator("duban-steps [data-why=tooLate]")).containsText("已过申请延期的最后时间");
    assertThat(page.locator("duban-steps [data-why=tooLate]")).containsText("时限前 2 天");
    // and completion waits for the result to be reported
    assertThat(page.locator("duban-steps [data-why=notReported]")).containsText("报送办理结果后才能申请办结");
    Phone.screen(page, "item-no-extension");
    assertThat(id).isPositive();
  }

  @Test
  @Order(3)
  void afterReportingTheResultTheLeadUnitAppliesForCompletion() {
    long id = open("主干道积水点");
    page.getByLabel("反馈内容").fill("全市 37 处积水点已全部整改完毕，整改报告见附件清单。");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发送反馈")).click();
    assertThat(page.locator("[data-queued]")).hasCount(0);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("申请办结")).click();
    assertThat(page.locator("duban-steps")).containsText("提交后由督办科室评定等次");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("确认申请办结")).click();
    assertThat(page.locator("duban-steps")).containsText("办结申请已提交");
    assertThat(item(id).getString("status")).isEqualTo("completion_requested");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("申请办结"))).hasCount(0);
    Phone.screen(page, "item-completion-asked");
  }
}
