package org.duban.app;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Path;
import java.util.List;

/**
 * The machine's Chromium as a liaison's phone: headless, 360x780, Chinese, touch. One per test class
 * (each test takes a fresh context: no cookies, storage or service worker carried over).
 */
final class Phone implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private final Playwright playwright;
  private final Browser browser;
  private final String origin;

  Phone(int port) {
    this.playwright = Playwright.create();
    this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of("/usr/bin/chromium"))
        .setArgs(List.of("--no-sandbox", "--disable-background-networking"))
        .setHeadless(true));
    // localhost, not 127.0.0.1: a secure context on plain http, where Secure cookies and service workers work
    this.origin = "http://localhost:" + port;
  }

  String origin() {
    return origin;
  }

  BrowserContext context() {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(360, 780).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true)
        .setLocale("zh-CN").setTimezoneId("Asia/Shanghai").setBaseURL(origin));
    context.setDefaultTimeout(15_000);
    return context;
  }

  /** A fresh phone page on the app, with any page error failing the test through {@link #errors}. */
  Page open(BrowserContext context, List<String> errors) {
    Page page = context.newPage();
    page.onPageError(errors::add);
    page.onConsoleMessage(m -> {
      // an answer the app expects (401 before sign-in, 429 at a lock) is logged by Chromium, not an error of the app
      if ("error".equals(m.type()) && !m.text().startsWith("Failed to load resource")) errors.add(m.text());
    });
    return page;
  }

  /**
   * Every control on the page, through the shadow roots, narrower or lower than 44 px (WCAG 2.5.8 and one thumb),
   * named by its tag and text; a file input counts by its label, which is what is tapped.
   */
  static List<?> smallTapTargets(Page page) {
    return (List<?>) page.evaluate("""
        () => {
          const all = [];
          const walk = (root) => root.querySelectorAll('*').forEach((el) => {
            if (el.shadowRoot) walk(el.shadowRoot);
            if (el.tagName === 'INPUT' && el.type === 'file') { all.push(el.closest('label')); return; }
            if (['BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'A'].includes(el.tagName)) all.push(el);
          });
          walk(document);
          return all.filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.height < 44 || r.width < 44); })
            .map((el) => el.tagName + ' ' + el.textContent.trim().slice(0, 20));
        }""");
  }

  static void screenshot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }

  /** What the phone's screen shows, as for a thread with its composer pinned at the bottom. */
  static void screen(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
  }

  static void signIn(Page page, String login, String password) {
    page.navigate("/");
    page.getByLabel("账号").fill(login);
    page.getByLabel("密码").fill(password);
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
