package org.duban.app;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sponsor office on the phone (R30): a unit's report waiting for review carries 采纳 and 退回 in the
 * thread; a return needs its reason, and the unit's liaison sees it at once; the server's refusal shows
 * with its reason. Each test takes an item of its own from the demo.
 */
class SponsorReviewTest extends PhoneTest {

  JsonObject item(String title) {
    JsonArray items = server.get("/items?status=open", server.tokenOf("keshi1")).bodyAsJsonObject().getJsonArray("items");
    long id = items.stream().map(JsonObject.class::cast).filter(i -> i.getString("title").contains(title)).findFirst().orElseThrow().getLong("id");
    return server.get("/items/" + id, server.tokenOf("keshi1")).bodyAsJsonObject();
  }

  static long leadUnit(JsonObject item) {
    return item.getJsonArray("units").getJsonObject(0).getLong("unitId");
  }

  String leadStatus(long id) {
    return server.get("/items/" + id, server.tokenOf("keshi1")).bodyAsJsonObject().getJsonArray("units").getJsonObject(0).getString("status");
  }

  String upload(String login, String filename, byte[] bytes) {
    var answer = server.sendRaw(HttpMethod.POST, "/attachments?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8),
        server.tokenOf(login), "application/octet-stream", Buffer.buffer(bytes));
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
    return answer.bodyAsJsonObject().getString("id");
  }

  void report(String login, long id, String text, List<String> attachmentIds) {
    var answer = server.request(HttpMethod.POST, "/items/" + id + "/reports", server.tokenOf(login))
        .putHeader("Idempotency-Key", "review-" + UUID.randomUUID())
        .sendJsonObject(new JsonObject().put("text", text).put("attachmentIds", new JsonArray(attachmentIds))).await();
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
  }

  /** A site photo as a phone sends it: a JPEG. */
  static byte[] photo() throws IOException {
    BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0x5d, 0x7a, 0x8c));
    g.fillRect(0, 0, 1600, 1200);
    g.setColor(new Color(0x3b, 0x3f, 0x45));
    g.fillRect(0, 800, 1600, 400);
    g.setColor(new Color(0xe8, 0xc3, 0x6a));
    g.fillRect(500, 500, 600, 300);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  static byte[] pdf() {
    return "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".repeat(40).getBytes(StandardCharsets.US_ASCII);
  }

  void open(Page on, String login, String title) {
    Phone.signIn(on, login, DemoData.PASSWORD);
    on.locator("duban-item-card").filter(new Locator.FilterOptions().setHasText(title)).click();
    assertThat(on.locator("duban-item h1")).containsText(title);
  }

  static Locator message(Page on, String text) {
    return on.locator("duban-message").filter(new Locator.FilterOptions().setHasText(text));
  }

  static Locator button(Locator in, String name) {
    return in.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  @Test
  void theSponsorAcceptsAWaitingReportWithItsPhotoAndFileFromTheThread() throws IOException {
    JsonObject item = item("主干道积水点");
    long id = item.getLong("id");
    String picture = upload("fgw", "解放路积水点.jpg", photo());
    String file = upload("fgw", "整改清单.pdf", pdf());
    report("fgw", id, "解放路、建设路积水点已清淤，排水管网已疏通，现场照片和整改清单见附件。", List.of(picture, file));
    List<String> fetched = new ArrayList<>();
    page.onRequestFinished(r -> {
      if (r.url().contains("/attachments/")) fetched.add(r.headerValue("authorization") + " " + r.response().fromServiceWorker());
    });

    open(page, "keshi1", "主干道积水点");
    Locator report = message(page, "解放路、建设路积水点已清淤");
    assertThat(report).containsText("市发展和改革委员会");
    assertThat(report).containsText("待审核");
    // the photo as a small picture, fetched with the token and never from the worker; the file as a named chip with its size
    Locator thumb = report.locator("duban-thumb img");
    assertThat(thumb).isVisible();
    page.waitForCondition(() -> (Boolean) thumb.evaluate("img => img.complete && img.naturalWidth === 1600"));
    assertThat(fetched).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith("Bearer ").endsWith(" false"));
    assertThat(report.locator("button.file")).containsText("整改清单.pdf");
    assertThat(report.locator("button.file")).containsText("KB");
    // a sponsor neither reports nor asks for an extension: no composer, no liaison's steps
    assertThat(page.locator("duban-composer")).hasCount(0);
    assertThat(page.locator("duban-steps")).hasCount(0);
    Phone.screen(page, "item-sponsor-review");

    // the photo opens whole, and closes
    report.locator("duban-thumb button.thumb").click();
    Locator viewer = page.locator("duban-thumb dialog");
    assertThat(viewer).isVisible();
    assertThat(viewer.locator("img")).hasAttribute("alt", "解放路积水点.jpg");
    Phone.screen(page, "item-photo-whole");
    button(viewer, "关闭").click();
    assertThat(viewer).hasCount(0);

    // 采纳 asks once more, then the thread says so and the report stands accepted
    button(report, "采纳").click();
    assertThat(report).containsText("采纳这次反馈？");
    assertThat(leadStatus(id)).isEqualTo("reported");
    button(report, "确认采纳").click();
    assertThat(message(page, "反馈通过")).hasCount(1);
    assertThat(report).containsText("已通过");
    assertThat(button(report, "采纳")).hasCount(0);
    assertThat(button(report, "退回")).hasCount(0);
    assertThat(leadStatus(id)).isEqualTo("accepted");

    // the picture's object URL is let go with its element
    String url = (String) thumb.getAttribute("src");
    assertThat(url).startsWith("blob:");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("‹ 返回")).click();
    assertThat(page.locator("duban-thumb")).hasCount(0);
    assertThat(page.evaluate("u => new Promise((done) => { const i = new Image(); i.onload = () => done('still there'); "
        + "i.onerror = () => done('revoked'); i.src = u; })", url)).isEqualTo("revoked");
  }

  @Test
  void aReturnNeedsItsReasonAndTheUnitsLiaisonSeesItAtOnce() {
    JsonObject item = item("老旧小区雨季排水");
    long id = item.getLong("id");
    report("zjj", id, "已排查 42 个老旧小区，发现排水隐患 17 处，整改清单已形成。", List.of());
    // the liaison's phone is open on the item
    BrowserContext liaisonPhone = phone.context();
    try {
      Page liaison = phone.open(liaisonPhone, errors);
      open(liaison, "zjj", "老旧小区雨季排水");
      assertThat(message(liaison, "已排查 42 个老旧小区")).containsText("待审核");

      open(page, "keshi1", "老旧小区雨季排水");
      Locator report = message(page, "已排查 42 个老旧小区");
      button(report, "退回").click();
      Locator reason = report.getByLabel("退回理由（必填，承办单位会看到）");
      assertThat(reason).isFocused();
      // no reason, no return: said at once, and nothing goes to the server
      reason.fill("   ");
      button(report, "确认退回").click();
      assertThat(report.getByRole(AriaRole.ALERT)).containsText("请写明退回理由");
      assertThat(reason).hasAttribute("aria-invalid", "true");
      Phone.screen(page, "item-sponsor-return-needs-reason");
      assertThat(leadStatus(id)).isEqualTo("reported");

      String why = "请补充 17 处隐患各自的整改责任人和完成时限，并附现场照片。";
      reason.fill(why);
      assertThat(report).containsText("/ 2000 字");
      button(report, "确认退回").click();
      // the sponsor's own word, on its side of the thread, with its reason; the report returned
      Locator returned = message(page, why);
      assertThat(returned).containsText("退回");
      assertThat(returned.locator(".bubble.mine")).hasCount(1);
      assertThat(report).containsText("被退回");
      assertThat(button(report, "退回")).hasCount(0);
      Phone.screen(page, "item-sponsor-returned");
      assertThat(leadStatus(id)).isEqualTo("returned");
      JsonArray events = server.get("/items/" + id + "/events", server.tokenOf("keshi1")).bodyAsJsonObject().getJsonArray("items");
      JsonObject event = events.stream().map(JsonObject.class::cast).filter(e -> "returned".equals(e.getString("type"))).findFirst().orElseThrow();
      assertThat(event.getString("reason")).isEqualTo(why);
      assertThat(event.getString("rule")).isEqualTo("R30");

      // and on the liaison's phone, without a reload: the reason from the sponsor's side
      assertThat(message(liaison, why)).hasCount(1);
      assertThat(message(liaison, why).locator(".bubble.theirs")).hasCount(1);
      assertThat(message(liaison, "已排查 42 个老旧小区")).containsText("被退回");
      Phone.screen(liaison, "item-liaison-sees-return");
    } finally {
      liaisonPhone.close();
    }
  }

  @Test
  void theServersRefusalShowsWithItsReason() {
    JsonObject item = item("优化营商环境");
    long id = item.getLong("id");
    report("fgw", id, "已梳理审批事项 126 项，拟压减办理时限 40%。", List.of());
    // this phone hears nothing on /live: its screen goes stale, as one out of coverage would
    page.routeWebSocket("**/live", ws -> { });
    open(page, "keshi1", "优化营商环境");
    Locator report = message(page, "已梳理审批事项 126 项");
    assertThat(button(report, "退回")).isVisible();

    // meanwhile the report is accepted elsewhere
    var accepted = server.send(HttpMethod.POST, "/items/" + id + "/accept", server.tokenOf("keshi1"), new JsonObject().put("unitId", leadUnit(item)));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);

    button(report, "退回").click();
    report.getByLabel("退回理由（必填，承办单位会看到）").fill("压减比例的测算依据不足。");
    button(report, "确认退回").click();
    assertThat(report.getByRole(AriaRole.ALERT)).containsText("未能退回：");
    assertThat(report.getByRole(AriaRole.ALERT)).containsText("no report awaiting review");
    // the thread is read again: the report shows as it stands, with nothing left to review
    assertThat(report).containsText("已通过");
    assertThat(button(report, "退回")).hasCount(0);
    Phone.screen(page, "item-sponsor-refused");
    assertThat(leadStatus(id)).isEqualTo("accepted");
  }
}
