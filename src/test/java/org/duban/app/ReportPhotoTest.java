package org.duban.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A report with a photo: made smaller on the phone, uploaded with its progress, named by the report, sent once. */
class ReportPhotoTest extends PhoneTest {
  @TempDir
  Path dir;

  /** A camera-sized picture: 3000x2000, a gradient and a mark, as PNG. */
  Path photo(String name) throws IOException {
    BufferedImage image = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(0x1e, 0x5a, 0x8c), 3000, 2000, new Color(0xe8, 0xc3, 0x6a)));
    g.fillRect(0, 0, 3000, 2000);
    g.setColor(Color.WHITE);
    g.fillOval(1200, 700, 600, 600);
    g.dispose();
    Path file = dir.resolve(name);
    ImageIO.write(image, "png", file.toFile());
    return file;
  }


  /** The stored file's picture, as the sponsor downloads it. */
  BufferedImage stored(String attachmentId) throws IOException {
    var answer = server.get("/attachments/" + attachmentId, server.tokenOf("keshi1"));
    assertThat(answer.statusCode()).isEqualTo(200);
    return ImageIO.read(new ByteArrayInputStream(answer.body().getBytes()));
  }

  long openFirstItem() {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    page.locator("duban-item-card").first().click();
    assertThat(page.locator("duban-item h1")).isVisible();
    return Long.parseLong(page.url().replaceAll(".*#/items/", ""));
  }

  Locator sentWith(String text) {
    return page.locator("duban-message").filter(new Locator.FilterOptions().setHasText(text));
  }

  /** A report's photo in the thread: its small picture's button, named by the file. */
  static Locator picture(Locator report, String filename) {
    return report.locator("duban-thumb button.thumb[aria-label*='" + filename + "']");
  }

  @Test
  void aPhotoIsMadeSmallerOnThePhoneAndTheReportNamesIt() throws IOException {
    long id = openFirstItem();
    int before = reports(id).size();
    Locator camera = page.locator("duban-composer input[name=photo]");
    assertThat(camera).hasAttribute("accept", "image/*");
    assertThat(camera).hasAttribute("capture", "environment");
    camera.setInputFiles(photo("积水点.png"));
    // shown before it goes: the small picture, its new name and size
    assertThat(page.locator("duban-composer li img")).hasCount(1);
    assertThat(page.locator("duban-composer li")).containsText("积水点.jpg");
    page.getByLabel("反馈内容").fill("解放路积水点已清淤，现场照片见附件。");
    Phone.screen(page, "item-report-photo-picked");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发送反馈")).click();

    Locator sent = sentWith("解放路积水点已清淤");
    assertThat(picture(sent, "积水点.jpg")).isVisible();
    assertThat(page.locator("[data-queued]")).hasCount(0);
    Phone.screen(page, "item-report-photo-sent");

    JsonArray stored = reports(id);
    assertThat(stored).hasSize(before + 1);
    JsonObject report = stored.getJsonObject(stored.size() - 1);
    assertThat(report.getJsonArray("attachments")).hasSize(1);
    JsonObject file = report.getJsonArray("attachments").getJsonObject(0);
    assertThat(file.getString("contentType")).isEqualTo("image/jpeg");
    BufferedImage image = stored(file.getString("id"));
    assertThat(Math.max(image.getWidth(), image.getHeight())).as("the long side").isEqualTo(1600);
    assertThat(image.getHeight()).isEqualTo(1067);
  }

  @Test
  void offlineAPhotoWaitsWithItsReportAndGoesExactlyOnce() throws IOException {
    long id = openFirstItem();
    int before = reports(id).size();
    context.setOffline(true);
    assertThat(page.getByText("当前离线")).isVisible();
    page.locator("duban-composer input[name=gallery]").setInputFiles(photo("现场.png"));
    assertThat(page.locator("duban-composer li img")).hasCount(1);
    page.getByLabel("反馈内容").fill("离线拍的现场照片：泵站已启用");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发送反馈")).click();
    Locator queued = page.locator("[data-queued]");
    assertThat(queued).containsText("等待发送");
    assertThat(queued).containsText("现场.jpg");
    Phone.screen(page, "item-report-photo-waiting");
    assertThat(reports(id)).hasSize(before);

    context.setOffline(false);
    assertThat(queued).hasCount(0);
    assertThat(picture(sentWith("离线拍的现场照片"), "现场.jpg")).isVisible();
    JsonArray stored = reports(id);
    assertThat(stored).hasSize(before + 1);
    List<JsonObject> mine = stored.stream().map(r -> (JsonObject) r)
        .filter(r -> r.getString("text").startsWith("离线拍的现场照片")).toList();
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).getJsonArray("attachments")).hasSize(1);
    String attachment = mine.get(0).getJsonArray("attachments").getJsonObject(0).getString("id");
    assertThat(Math.max(stored(attachment).getWidth(), stored(attachment).getHeight())).isLessThanOrEqualTo(1600);
    assertThat(Files.exists(dir.resolve("现场.png"))).isTrue();
  }
}
