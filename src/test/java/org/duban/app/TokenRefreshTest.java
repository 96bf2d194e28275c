package org.duban.app;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.duban.demo.DemoData;
import org.duban.support.Await;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Access tokens of one minute (the shortest the config allows): the app renews them without the person noticing. */
class TokenRefreshTest {
  static TestServer server;
  static Phone phone;

  @BeforeAll
  static void start() {
    server = TestServer.start(TokenRefreshTest.class, Map.of("auth.accessTokenTtl", "PT1M"));
    phone = new Phone(server.port());
  }

  @AfterAll
  static void stop() {
    phone.close();
    server.close();
  }

  @Test
  void theTokenIsRenewedBeforeItRunsOut() {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = phone.context()) {
      Page page = phone.open(context, errors);
      page.clock().install();
      AtomicInteger refreshes = new AtomicInteger();
      page.onResponse(r -> {
        if (r.url().endsWith("/auth/refresh") && r.status() == 200) refreshes.incrementAndGet();
      });
      Phone.signIn(page, "fgw", DemoData.PASSWORD);
      assertThat(page.locator("duban-item-card")).hasCount(2);
      int atStart = refreshes.get();
      // 50 seconds on the phone's clock: the renewal is due 15 s before the minute is up
      // (Playwright delivers events inside its own calls, so wait through one)
      page.waitForResponse(r -> r.url().endsWith("/auth/refresh") && r.status() == 200, () -> page.clock().runFor(50_000));
      assertThat(refreshes.get()).isGreaterThan(atStart);
      assertThat(page.locator("duban-item-card")).hasCount(2);
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void aTokenThatRanOutMidSessionIsRenewedOnTheFirst401AndTheAnswerStillComes() {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = phone.context()) {
      Page page = phone.open(context, errors);
      // the phone's clock stands still, so no timer renews the token: it runs out on the server
      page.clock().pauseAt(System.currentTimeMillis());
      // and no socket: the server would close it with 4401 as the token runs out, and the app would renew
      // through that before the tap, leaving no 401 for this test to see
      page.routeWebSocket("**/live", ws -> { });
      Phone.signIn(page, "zjj", DemoData.PASSWORD);
      assertThat(page.locator("duban-item-card")).hasCount(2);
      String twin = server.tokenOf("zjj");
      // a token issued with the app's expires with it: wait for the server to refuse it
      Await.until("the minute is over", () -> server.get("/me", twin).statusCode() == 401, Duration.ofSeconds(90));
      AtomicInteger unauthorized = new AtomicInteger();
      page.onResponse(r -> {
        if (r.url().contains("/items") && r.status() == 401) unauthorized.incrementAndGet();
      });
      page.waitForResponse(r -> r.url().endsWith("/auth/refresh") && r.status() == 200,
          () -> page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("刷新")).click());
      assertThat(page.locator("duban-item-card")).hasCount(2);
      assertThat(unauthorized.get()).as("the expired token was refused once, then the call went again").isEqualTo(1);
      assertThat(page.locator("duban-item-card")).hasCount(2);
      assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING, new Page.GetByRoleOptions().setName("我的事项"))).isVisible();
      assertThat(page.getByLabel("账号")).hasCount(0);
    }
    assertThat(errors).isEmpty();
  }
}
