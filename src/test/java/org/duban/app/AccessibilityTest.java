package org.duban.app;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.duban.support.Items4Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/**
 * WCAG 2.2 AA on the phone's main screens: axe-core audits each screen as a person finds it (shadow roots
 * included), in Chinese and in English and at twice the text size; and the keyboard walks my items and an
 * item in the order they are seen, every control it reaches showing that it has the focus.
 */
class AccessibilityTest extends PhoneTest {
  static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
  static final String OVERDUE = "主干道积水点排查整改";
  static final String QUIET = "优化营商环境";
  static final String WAITING = "营商环境流程再造第一阶段已完成，清单见附件。";

  /** fgw's overdue item returned once (a 被退回 badge and a new message), and a report on the quiet one waiting for keshi1. */
  @BeforeAll
  void badgesAndAWaitingReport() {
    Items4Test flow = new Items4Test(server);
    List<JsonObject> rows = ok(server.get("/items", flow.fgw), 200).getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    long overdue = rows.stream().filter(r -> r.getString("title").contains(OVERDUE)).findFirst().orElseThrow().getLong("id");
    long quiet = rows.stream().filter(r -> r.getString("title").contains(QUIET)).findFirst().orElseThrow().getLong("id");
    ok(flow.report(overdue, flow.fgw, "a11y-returned", "已排查 12 处积水点，清单见附件"), 201);
    ok(flow.post("/items/" + overdue + "/return", flow.sponsor,
        new JsonObject().put("unitId", flow.fgwUnit).put("reason", "请补充每处积水点的整改责任人")), 200);
    var upload = server.sendRaw(HttpMethod.POST, "/attachments?filename=" + URLEncoder.encode("流程再造清单.pdf", StandardCharsets.UTF_8),
        flow.fgw, "application/octet-stream", Buffer.buffer(SponsorReviewTest.pdf()));
    assertThat(upload.statusCode()).as(upload.bodyAsString()).isEqualTo(201);
    var report = server.request(HttpMethod.POST, "/items/" + quiet + "/reports", flow.fgw)
        .putHeader("Idempotency-Key", "a11y-waiting")
        .sendJsonObject(new JsonObject().put("text", WAITING).put("attachmentIds", new JsonArray().add(upload.bodyAsJsonObject().getString("id")))).await();
    assertThat(report.statusCode()).as(report.bodyAsString()).isEqualTo(201);
  }

  /** axe-core's WCAG 2.x A and AA rules on the page as it stands; a failure names each rule, its help and where. */
  void audit(String screen) {
    Phone.screen(page, "a11y-" + screen);
    AxeResults results = new AxeBuilder(page).withTags(WCAG_AA).analyze();
    assertThat(results.getViolations()).as(() -> screen + " breaks WCAG 2.2 AA:\n" + describe(results.getViolations())).isEmpty();
  }

  static String describe(List<Rule> violations) {
    StringBuilder said = new StringBuilder();
    for (Rule rule : violations) {
      said.append("- ").append(rule.getId()).append(" (").append(rule.getImpact()).append("): ").append(rule.getHelp())
          .append(" <").append(rule.getHelpUrl()).append(">\n");
      for (CheckedNode node : rule.getNodes()) {
        said.append("    at ").append(node.getTarget()).append(": ")
            .append(String.valueOf(node.getFailureSummary()).replace("\n", " / ")).append('\n');
      }
    }
    return said.toString();
  }

  Locator button(String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  void signIn(String login) {
    Phone.signIn(page, login, DemoData.PASSWORD);
    assertThat(page.locator("duban-item-card").first()).isVisible();
  }

  void open(String login, String title) {
    signIn(login);
    page.locator("duban-item-card").filter(new Locator.FilterOptions().setHasText(title)).click();
    assertThat(page.locator("duban-item h1")).containsText(title);
    assertThat(page.locator("duban-message").first()).isVisible();
    // the item brings its newest message into view a frame after it draws: let that happen before anything is measured
    page.waitForFunction("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))");
  }

  @Test
  void theSignInScreenEmptyAndWithAWrongPassword() {
    page.navigate("/");
    assertThat(page.getByLabel("账号")).isVisible();
    audit("sign-in");
    page.getByLabel("账号").fill("fgw");
    page.getByLabel("密码").fill("not the password");
    button("登录").click();
    assertThat(page.getByRole(AriaRole.ALERT)).isVisible();
    audit("sign-in-wrong-password");
  }

  @Test
  void theSignInScreenOfAnExpiredSmsLink() {
    page.navigate("/m#NotARealCode0000");
    assertThat(page.getByRole(AriaRole.STATUS)).hasText("此链接已失效，请登录。");
    assertThat(page.getByLabel("账号")).isVisible();
    audit("sign-in-expired-link");
  }

  @Test
  void myItemsWithBadgesInChineseAndInEnglish() {
    signIn("fgw");
    assertThat(page.locator("duban-item-card .badge.returned")).isVisible();
    assertThat(page.locator("duban-item-card .badge.unread").first()).isVisible();
    assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
    audit("my-items");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
    assertThat(page.locator("duban-items h1")).hasText("My items");
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    audit("my-items-en");
    // the choice is kept: after a reload the page is still in English, and says so
    page.reload();
    assertThat(page.locator("duban-items h1")).hasText("My items");
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.title()).isEqualTo("Duban");
  }

  @Test
  void myItemsAtTwiceTheTextSize() {
    signIn("fgw");
    page.evaluate("document.documentElement.style.fontSize = '200%'");
    audit("my-items-200-percent");
  }

  @Test
  void anItemAsALiaisonWithTheComposerOpenThenWhyItIsRed() {
    open("fgw", OVERDUE);
    page.getByLabel("反馈内容").click();
    assertThat(button("发送反馈")).isVisible();
    audit("item-composer-open");
    page.getByLabel("反馈内容").press("Escape");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("为什么是红灯？")).click();
    assertThat(page.locator("duban-why .panel")).isVisible();
    audit("item-why-red");
  }

  @Test
  void theExtensionForm() {
    open("fgw", QUIET);
    button("申请延期").click();
    assertThat(page.getByLabel("办理计划")).isVisible();
    button("＋ 添加节点").click();
    assertThat(page.locator("duban-steps input[name=milestoneDate]")).isFocused();
    audit("item-extension-form");
  }

  @Test
  void theThreadAsTheSponsorOfficeWithAReportToReviewAndItsReturnForm() {
    open("keshi1", QUIET);
    Locator report = page.locator("duban-message").filter(new Locator.FilterOptions().setHasText(WAITING));
    assertThat(report.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("采纳").setExact(true))).isVisible();
    report.scrollIntoViewIfNeeded();
    audit("item-sponsor-review");
    report.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("退回").setExact(true)).click();
    assertThat(report.locator("textarea")).isFocused();
    audit("item-sponsor-return-form");
  }

  /** What Tab reached, in order: its name, where it is on the page, and whether it shows its focus. */
  record Stop(String name, double top, double left, boolean seen, String focused, String unfocused) {
    boolean shows() {
      return !focused.equals(unfocused);
    }
  }

  static final String DEEP_ACTIVE = """
      () => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a; }""";

  /**
   * Tabs from the top of the page to the end, and reads each control's focus indicator (outline and box shadow,
   * on it or on the label around it) while it has the focus and again once nothing has.
   */
  List<Stop> tabThrough(int most) {
    return walk("Tab", most);
  }

  /** Tab from the top, or Shift+Tab from the bottom. */
  List<Stop> walk(String key, int most) {
    boolean back = key.startsWith("Shift");
    // the walk starts at one end of the page: a focus that is not in the tab order, before (or after) everything else
    page.evaluate("""
        (back) => {
          document.activeElement?.blur();
          const start = document.createElement('span');
          start.id = 'tab-start';
          start.tabIndex = -1;
          if (back) document.body.append(start); else document.body.prepend(start);
          start.focus();
          window.scrollTo(0, back ? document.documentElement.scrollHeight : 0);
        }""", back);
    List<JSHandle> reached = new ArrayList<>();
    List<Map<String, Object>> seen = new ArrayList<>();
    String look = """
        (el) => {
          const of = (e) => { const s = getComputedStyle(e); return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`; };
          const label = el.closest('label');
          return of(el) + (label && label !== el ? ' / ' + of(label) : '');
        }""";
    for (int i = 0; i < most; i++) {
      page.keyboard().press(key);
      JSHandle active = page.evaluateHandle(DEEP_ACTIVE);
      @SuppressWarnings("unchecked")
      Map<String, Object> at = (Map<String, Object>) active.evaluate("""
          (el) => {
            if (!el || el === document.body) return null;
            const r = el.getBoundingClientRect();
            const name = el.getAttribute('aria-label') || el.closest('label')?.textContent || el.textContent || el.tagName;
            // what is drawn at the control's centre, through the shadow roots: the control, or what covers it
            const x = Math.min(Math.max(r.left + r.width / 2, 1), innerWidth - 1);
            const y = Math.min(Math.max(r.top + r.height / 2, 1), innerHeight - 1);
            let hit = document.elementFromPoint(x, y);
            while (hit && hit.shadowRoot && hit.shadowRoot.elementFromPoint(x, y) && hit.shadowRoot.elementFromPoint(x, y) !== hit) hit = hit.shadowRoot.elementFromPoint(x, y);
            const label = el.closest('label');
            const seen = !!hit && (hit === el || el.contains(hit) || (label && (hit === label || label.contains(hit))));
            return { name: name.replace(/\\s+/g, ' ').trim().slice(0, 40), top: r.top + window.scrollY, left: r.left, seen };
          }""");
      if (at == null) break;
      if (!reached.isEmpty() && (Boolean) reached.get(0).evaluate("(first, el) => first === el", active)) break;
      at.put("focused", active.evaluate(look));
      reached.add(active);
      seen.add(at);
      if (!back && String.valueOf(at.get("name")).startsWith("API")) break;
    }
    page.evaluate("() => { const a = (" + DEEP_ACTIVE + ")(); a?.blur(); document.getElementById('tab-start')?.remove(); }");
    List<Stop> stops = new ArrayList<>();
    for (int i = 0; i < reached.size(); i++) {
      Map<String, Object> at = seen.get(i);
      stops.add(new Stop((String) at.get("name"), ((Number) at.get("top")).doubleValue(), ((Number) at.get("left")).doubleValue(),
          Boolean.TRUE.equals(at.get("seen")), (String) at.get("focused"), (String) reached.get(i).evaluate(look)));
    }
    return stops;
  }

  /** Each stop lower on the page than the one before, or on the same row and to its right. */
  static void inVisualOrder(List<Stop> stops) {
    String order = stops.stream().map(s -> s.name() + " @" + Math.round(s.top()) + "," + Math.round(s.left())).collect(Collectors.joining("\n  "));
    for (int i = 1; i < stops.size(); i++) {
      Stop before = stops.get(i - 1);
      Stop now = stops.get(i);
      boolean lower = now.top() > before.top() + 4;
      boolean sameRowRight = Math.abs(now.top() - before.top()) <= 24 && now.left() >= before.left();
      assertThat(lower || sameRowRight).as("Tab from '%s' to '%s' goes back up the page:\n  %s", before.name(), now.name(), order).isTrue();
    }
    for (Stop stop : stops) {
      // WCAG 2.4.11: the sticky bar at the top and the composer at the bottom never cover what has the focus
      assertThat(stop.seen()).as("'%s' has the focus under something else on the screen", stop.name()).isTrue();
      assertThat(stop.shows()).as("'%s' shows no focus (focused: %s; not: %s)", stop.name(), stop.focused(), stop.unfocused()).isTrue();
    }
  }

  static int indexOf(List<Stop> stops, String name) {
    for (int i = 0; i < stops.size(); i++) if (stops.get(i).name().contains(name)) return i;
    return -1;
  }

  static void comesInOrder(List<Stop> stops, String... names) {
    int last = -1;
    for (String name : names) {
      int at = indexOf(stops, name);
      assertThat(at).as("'%s' after the stop %d, in %s", name, last, stops.stream().map(Stop::name).toList()).isGreaterThan(last);
      last = at;
    }
  }

  @Test
  void theKeyboardWalksMyItemsInTheOrderTheyAreSeenAndShowsWhereItIs() {
    signIn("fgw");
    List<Stop> stops = tabThrough(30);
    comesInOrder(stops, "Switch to English", "退出", "刷新", "板块", "状态", OVERDUE, QUIET);
    inVisualOrder(stops);
    List<Stop> up = walk("Shift+Tab", 30);
    for (Stop stop : up) assertThat(stop.seen()).as("'%s' has the focus under something else on the screen (Shift+Tab)", stop.name()).isTrue();
  }

  @Test
  void theKeyboardWalksAnItemFromBackToTheComposer() {
    open("fgw", QUIET);
    List<Stop> stops = tabThrough(60);
    comesInOrder(stops, "Switch to English", "退出", "返回", "为什么是绿灯", "申请延期", "打开 流程再造清单.pdf", "反馈内容");
    inVisualOrder(stops);
    // and back up from the bottom: nothing reached on the way up hides under the sticky bar either
    List<Stop> up = walk("Shift+Tab", 60);
    assertThat(up.stream().map(Stop::name).toList()).contains("‹ 返回", "打开 流程再造清单.pdf");
    for (Stop stop : up) assertThat(stop.seen()).as("'%s' has the focus under something else on the screen (Shift+Tab)", stop.name()).isTrue();
    Phone.screen(page, "a11y-item-keyboard");
  }
}
