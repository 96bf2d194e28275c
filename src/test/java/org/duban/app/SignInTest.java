package org.duban.app;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import org.duban.demo.DemoData;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Signing in on the phone: the errors a liaison can meet, and a session no script can carry away. */
class SignInTest extends PhoneTest {
  @Override
  Map<String, String> settings() {
    return Map.of("auth.maxFailedLogins", "3", "auth.lockout", "10m");
  }

  @Test
  void theRightPasswordOpensMyItemsAndTheRefreshTokenStaysOutOfReach() {
    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING, new Page.GetByRoleOptions().setName("我的事项"))).isVisible();
    Cookie refresh = context.cookies().stream().filter(c -> c.name.equals("duban_refresh")).findFirst().orElseThrow();
    assertThat(refresh.httpOnly).isTrue();
    assertThat(refresh.secure).isTrue();
    assertThat(refresh.path).isEqualTo("/auth/refresh");
    assertThat(refresh.sameSite).hasToString("STRICT");
    assertThat((String) page.evaluate("document.cookie")).doesNotContain("duban_refresh");
    assertThat((String) page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")).doesNotContain("ey");
    Phone.screenshot(page, "items-after-sign-in");

    // a reload keeps the session through the cookie alone
    page.reload();
    assertThat(page.getByText("我的事项").first()).isVisible();

    // signing out clears the cookie: a reload then shows the sign-in screen
    page.getByText("退出").click();
    assertThat(page.getByLabel("账号")).isVisible();
    assertThat(context.cookies().stream().filter(c -> c.name.equals("duban_refresh") && !c.value.isEmpty())).isEmpty();
    page.reload();
    assertThat(page.getByLabel("账号")).isVisible();
  }

  @Test
  void aWrongPasswordSaysSoAndALockOutSaysForHowLong() {
    page.navigate("/");
    assertThat(page.getByLabel("账号")).isVisible();
    Phone.screenshot(page, "sign-in");
    Phone.signIn(page, "zjj", "not-the-password");
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).hasText("账号或密码不正确，或账号已停用。");
    Phone.screenshot(page, "sign-in-wrong-password");
    for (int i = 0; i < 3; i++) {
      page.getByLabel("密码").fill("still-wrong-" + i);
      page.getByLabel("密码").press("Enter");
      if (i < 2) assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).containsText("不正确");
    }
    // the fourth try meets the lock: ten minutes, counted down to the second by the server
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).containsText("已锁定");
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).containsText(java.util.regex.Pattern.compile("请 (9 分 \\d+ 秒|10 分钟) 后再试"));
    Phone.screenshot(page, "sign-in-locked");
  }

  @Test
  void englishIsOneTapAway() {
    page.navigate("/");
    page.getByText("English").click();
    assertThat(page.getByLabel("Login")).isVisible();
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    page.reload();
    assertThat(page.getByLabel("Login")).isVisible();
  }
}
