package org.duban.bench;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import org.duban.demo.DemoData;
import org.duban.support.TestServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 9's page: the phone app in the machine's Chromium against a Duban server with the demo, through a
 * counting proxy that sees every byte between the browser and the server (the page's requests, the service
 * worker's, the /live socket; headers included, bodies as sent, so compressed when the server compressed them).
 *
 * <p>Measured: a first visit, from the sign-in screen to "my items" shown, in bytes; a repeat visit in the
 * same browser (its HTTP cache, its service worker and its refresh cookie kept); and both timed under Chromium's
 * network and CPU throttling as Lighthouse's mobile preset sets them (DevTools protocol
 * {@code Network.emulateNetworkConditions}, {@code Emulation.setCPUThrottlingRate}). Times are the page's own
 * ({@code performance.now()} in a {@code requestAnimationFrame} check): navigation to the sign-in form shown,
 * and the sign-in tap to the first item card drawn; the typing between is not counted.
 */
public final class PageBenchmark {
  static final int RUNS = Integer.getInteger("bench.pageRuns", 3);
  static final Path REPORT = Path.of(System.getProperty("bench.report", RUNS >= 3 ? "docs/performance.md" : "target/bench/performance.md"));
  static final String HEADING = "## The phone page";
  static final String LOGIN = "fgw";

  /** A throttling profile: request latency (ms), throughput down and up (kbit/s, 1,024 bits), CPU slowdown. */
  record Throttle(String name, double latencyMs, double downKbps, double upKbps, double cpu) {
  }

  /** Lighthouse's mobile preset ("slow 4G" and a 4 times slower CPU) as the issue gives it: 150 ms, 1.6 Mbit/s down, 750 kbit/s up. */
  static final Throttle MOBILE = new Throttle("Lighthouse mobile (150 ms, 1.6 Mbit/s, 750 kbit/s, CPU x4)", 150, 1.6 * 1024, 750, 4);
  /** The same as Lighthouse applies it when it throttles through DevTools: latency x3.75, throughput x0.9. */
  static final Throttle MOBILE_DEVTOOLS = new Throttle("Lighthouse mobile, its DevTools-applied values (562.5 ms, 1.44 Mbit/s, 675 kbit/s, CPU x4)",
      150 * 3.75, 1.6 * 1024 * 0.9, 750 * 0.9, 4);

  /**
   * One response the page got, as the DevTools protocol reports it: the bytes that came over the wire for it (headers
   * and body as sent: {@code encodedDataLength}), the body's bytes decoded, and whether its service worker answered.
   */
  record Fetched(String url, int status, String encoding, boolean fromServiceWorker, long received, long decoded) {
  }

  /**
   * The page's responses, heard on its DevTools session. (Playwright's own {@code Request.sizes()} can wait forever
   * for a response the service worker answered; these events only record.)
   */
  static final class Responses {
    private final Map<String, com.google.gson.JsonObject> responses = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> decoded = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> received = new java.util.concurrent.ConcurrentHashMap<>();

    Responses(CDPSession cdp) {
      cdp.on("Network.responseReceived", e -> responses.put(e.get("requestId").getAsString(), e.getAsJsonObject("response")));
      cdp.on("Network.dataReceived", e -> decoded.merge(e.get("requestId").getAsString(), e.get("dataLength").getAsLong(), Long::sum));
      cdp.on("Network.loadingFinished", e -> received.put(e.get("requestId").getAsString(), e.get("encodedDataLength").getAsLong()));
    }

    List<Fetched> list() {
      List<Fetched> all = new ArrayList<>();
      responses.forEach((id, r) -> {
        String encoding = "";
        com.google.gson.JsonObject headers = r.getAsJsonObject("headers");
        for (String name : headers.keySet()) if (name.equalsIgnoreCase("content-encoding")) encoding = headers.get(name).getAsString();
        boolean worker = r.has("fromServiceWorker") && r.get("fromServiceWorker").getAsBoolean();
        all.add(new Fetched(r.get("url").getAsString(), r.get("status").getAsInt(), encoding, worker, received.getOrDefault(id, 0L),
            decoded.getOrDefault(id, 0L)));
      });
      return all;
    }
  }

  /** One visit: bytes both ways through the proxy up to "my items" shown and after the page settled, and its times (ms). */
  record Visit(long downAtItems, long upAtItems, long downSettled, long upSettled, double formMs, double signInMs, double itemsMs,
               List<Fetched> fetched, String statuses) {
    /** Navigation to the form, plus the tap to the cards; for a repeat visit (no form), navigation to the cards. */
    double toItemsMs() {
      return formMs < 0 ? itemsMs : formMs + signInMs;
    }
  }

  /**
   * Kept by the page: when the sign-in form, then an item card, was first there to be drawn, and when the first tap
   * came. Polled every animation frame; it looks only along the app's own path of shadow roots.
   */
  static final String TIMES = """
      (() => {
        const t = window.__dubanTimes = { form: -1, tap: -1, items: -1 };
        addEventListener('click', () => { if (t.tap < 0) t.tap = performance.now(); }, true);
        const app = () => document.querySelector('duban-app')?.shadowRoot;
        const check = () => {
          const root = app();
          if (t.form < 0 && root?.querySelector('duban-signin')?.shadowRoot?.querySelector('input')) t.form = performance.now();
          const card = root?.querySelector('duban-items')?.shadowRoot?.querySelector('duban-item-card');
          if (card?.shadowRoot?.firstElementChild) { t.items = performance.now(); return; }
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      })();
      """;

  public static void main(String[] args) throws Exception {
    if (!Bench.selected("page")) return;
    String load = loadAverage();
    try (TestServer server = TestServer.start(PageBenchmark.class);
         Proxy proxy = Proxy.start(server.port());
         Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(Path.of("/usr/bin/chromium"))
          .setArgs(List.of("--no-sandbox", "--disable-background-networking"))
          .setHeadless(true));
      String origin = "http://localhost:" + proxy.port();
      // unthrottled: the bytes
      List<Visit> first = new ArrayList<>();
      List<Visit> repeat = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        try (BrowserContext context = phone(browser, origin)) {
          first.add(visit(context, proxy, null, true));
          repeat.add(visit(context, proxy, null, false));
        }
      }
      Map<Throttle, List<Visit[]>> throttled = new java.util.LinkedHashMap<>();
      for (Throttle throttle : List.of(MOBILE, MOBILE_DEVTOOLS)) {
        List<Visit[]> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
          try (BrowserContext context = phone(browser, origin)) {
            runs.add(new Visit[] {visit(context, proxy, throttle, true), visit(context, proxy, throttle, false)});
          }
        }
        throttled.put(throttle, runs);
      }
      browser.close();
      String section = section(load, first, repeat, throttled, server.port());
      System.out.println(section);
      Bench.writeSection(REPORT, HEADING, section);
    }
  }

  static BrowserContext phone(Browser browser, String origin) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(360, 780).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true)
        .setLocale("zh-CN").setTimezoneId("Asia/Shanghai").setBaseURL(origin));
    context.setDefaultTimeout(60_000);
    context.addInitScript(TIMES);
    return context;
  }

  /**
   * One visit in a new page of {@code context}: a first one signs in from the form, a repeat one finds itself
   * signed in by the refresh cookie. Bytes are counted from the navigation; "settled" is once the service worker
   * is active and nothing has moved through the proxy for two seconds.
   */
  static Visit visit(BrowserContext context, Proxy proxy, Throttle throttle, boolean first) throws InterruptedException {
    Page page = context.newPage();
    CDPSession cdp = context.newCDPSession(page);
    Responses responses = new Responses(cdp);
    cdp.send("Network.enable");
    if (throttle != null) {
      JsonObject network = new JsonObject();
      network.addProperty("offline", false);
      network.addProperty("latency", throttle.latencyMs());
      network.addProperty("downloadThroughput", throttle.downKbps() * 1024 / 8);
      network.addProperty("uploadThroughput", throttle.upKbps() * 1024 / 8);
      cdp.send("Network.emulateNetworkConditions", network);
      JsonObject cpu = new JsonObject();
      cpu.addProperty("rate", throttle.cpu());
      cdp.send("Emulation.setCPUThrottlingRate", cpu);
    }
    proxy.reset();
    page.navigate("/");
    if (first) {
      page.getByLabel("账号").fill(LOGIN);
      page.getByLabel("密码").fill(DemoData.PASSWORD);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
    }
    page.waitForFunction("() => window.__dubanTimes && window.__dubanTimes.items >= 0");
    long down = proxy.down.get();
    long up = proxy.up.get();
    Map<?, ?> times = (Map<?, ?>) page.evaluate("() => window.__dubanTimes");
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)");
    long quiet = System.nanoTime();
    long seen = proxy.down.get() + proxy.up.get();
    while (System.nanoTime() - quiet < 2_000_000_000L) {
      Thread.sleep(100);
      long now = proxy.down.get() + proxy.up.get();
      if (now != seen) {
        seen = now;
        quiet = System.nanoTime();
      }
    }
    List<Fetched> fetched = responses.list();
    Visit visit = new Visit(down, up, proxy.down.get(), proxy.up.get(), first ? number(times, "form") : -1,
        first ? number(times, "items") - number(times, "tap") : -1, number(times, "items"), fetched, proxy.statuses());
    page.close();
    System.out.printf(Locale.ROOT, "%s %s: %.1f kB down at my items, %.1f kB settled; form %.0f ms, sign-in to items %.0f ms, items %.0f ms%n",
        throttle == null ? "unthrottled" : throttle.name(), first ? "first" : "repeat", down / 1000.0, proxy.down.get() / 1000.0,
        visit.formMs(), visit.signInMs(), visit.itemsMs());
    return visit;
  }

  private static double number(Map<?, ?> times, String key) {
    return ((Number) times.get(key)).doubleValue();
  }

  // ---- the section ----

  static String section(String load, List<Visit> first, List<Visit> repeat, Map<Throttle, List<Visit[]>> throttled, int port) {
    StringBuilder md = new StringBuilder(HEADING).append("\n\n");
    md.append("Measured ").append(Bench.today()).append(" on this machine: ").append(Bench.machine()).append("; Chromium ")
        .append(chromium()).append(" headless through Playwright, as a 360 × 780 phone; the server with the demo in the same JVM;")
        .append(" load average ").append(load).append(" at the start and ").append(loadAverage())
        .append(" at the end (the machine is shared; the benchmark's own share is about 1). Command: `mvn -Pbench verify -Dbench=page`")
        .append(RUNS >= 3 ? "" : " with `-Dbench.pageRuns=" + RUNS + "` (a smaller run)").append(". The demo liaison `")
        .append(LOGIN).append("` signs in and sees 2 items. Each figure is the median of ").append(RUNS).append(" runs, each in a fresh")
        .append(" browser context.\n\n");
    md.append("""
        Bytes are counted by a proxy between Chromium and the server: everything either way, headers included, bodies as sent
        (the server gzips what a browser accepts it for: `HttpServerOptions.setCompressionSupported(true)`), for the page, its
        service worker and the /live socket. "At my items" is when the first item card is drawn; "settled" adds what came
        after, once the service worker was active and nothing moved for 2 s. The worker registers as the app starts, so on a
        first visit its install (fetching the shell into its cache) runs while the person types, before my items. kB = 1,000 bytes.

        """);
    Visit f = medianBy(first, Visit::downAtItems);
    Visit r = medianBy(repeat, Visit::downAtItems);
    md.append("| visit | received at my items, kB | sent, kB | received once settled, kB | sent, kB | the page's responses |\n|---|---|---|---|---|---|\n");
    md.append(String.format(Locale.ROOT, "| first, from the sign-in screen | %.1f | %.1f | %.1f | %.1f | %d |%n", f.downAtItems() / 1000.0,
        f.upAtItems() / 1000.0, f.downSettled() / 1000.0, f.upSettled() / 1000.0, f.fetched().size()));
    md.append(String.format(Locale.ROOT, "| repeat, signed in by the cookie | %.1f | %.1f | %.1f | %.1f | %d |%n", r.downAtItems() / 1000.0,
        r.upAtItems() / 1000.0, r.downSettled() / 1000.0, r.upSettled() / 1000.0, r.fetched().size()));

    long received = 0;
    long decoded = 0;
    long plain = 0;
    for (Fetched x : f.fetched()) {
      received += x.received();
      decoded += x.decoded();
      if (x.encoding().isEmpty()) plain += x.received();
    }
    md.append(String.format(Locale.ROOT, "%nThe first visit's %d responses to the page, as Chromium's DevTools protocol reports them:"
        + " %.1f kB over the wire (headers and bodies as sent), %.1f kB of bodies decoded; %.1f kB of what came had no content"
        + " encoding.%n", f.fetched().size(), received / 1000.0, decoded / 1000.0, plain / 1000.0));
    md.append("\nIts largest (\"worker\" for those its service worker answered):\n\n");
    md.append("| resource | status | encoding | over the wire, B | decoded, B |\n|---|---|---|---|---|\n");
    f.fetched().stream().sorted(Comparator.comparingLong(Fetched::received).reversed()).limit(12).forEach(x -> md.append(String.format(Locale.ROOT,
        "| %s%s | %d | %s | %,d | %,d |%n", x.url().replaceFirst("^https?://[^/]+", ""), x.fromServiceWorker() ? " (worker)" : "", x.status(),
        x.encoding().isEmpty() ? "none" : x.encoding(), x.received(), x.decoded())));
    long byWorker = r.fetched().stream().filter(Fetched::fromServiceWorker).count();
    md.append(String.format(Locale.ROOT, "%nWhat the server answered (status lines through the proxy): first visit %s; repeat visit %s."
        + " On the repeat visit the page made %d requests, %d of them answered by the service worker: the worker"
        + " (`webroot/sw.js`) goes to the network first and keeps its cache for when the phone is offline, so online it"
        + " revalidates each file of the shell (`no-cache` with an ETag: 304), while the WebJars come from the HTTP cache"
        + " (immutable) without a request.%n", f.statuses(), r.statuses(), r.fetched().size(), byWorker));
    md.append("\nTimes, milliseconds (the page's own clock):\n\n");
    md.append("| throttling | visit | navigation → sign-in form | sign-in tap → my items | together (to my items) | received at my items, kB |\n");
    md.append("|---|---|---|---|---|---|\n");
    row(md, "none", "first", first);
    row(md, "none", "repeat", repeat);
    double target = 0;
    double targetRepeat = 0;
    for (Map.Entry<Throttle, List<Visit[]>> e : throttled.entrySet()) {
      List<Visit> firsts = e.getValue().stream().map(v -> v[0]).toList();
      List<Visit> repeats = e.getValue().stream().map(v -> v[1]).toList();
      row(md, e.getKey().name(), "first", firsts);
      row(md, e.getKey().name(), "repeat", repeats);
      if (e.getKey() == MOBILE) {
        target = Bench.median(firsts.stream().mapToDouble(Visit::toItemsMs).toArray());
        targetRepeat = Bench.median(repeats.stream().mapToDouble(Visit::toItemsMs).toArray());
      }
    }
    md.append("""

        Throttling is set on the page's own DevTools session, as Lighthouse does when it throttles through DevTools. Requests
        the service worker makes itself are those of another target and are not slowed: a first visit's install of the
        shell, and, on a repeat visit, the worker's network-first fetches of the shell (the page's requests to the worker are).
        """);
    md.append("\n### Targets\n\n");
    boolean full = RUNS >= 3;
    md.append(String.format(Locale.ROOT, "- A first visit from sign-in to my items at most 150 kB compressed: %.1f kB received up to my items"
        + " (%.1f kB with the service worker's install of the shell). %s%n", f.downAtItems() / 1000.0, f.downSettled() / 1000.0,
        verdict(full, f.downAtItems() <= 150_000)));
    md.append(String.format(Locale.ROOT, "- My items shown under Lighthouse's mobile throttling in under 2.5 s: %.0f ms on a first visit"
        + " (navigation to the form plus the tap to the cards), %.0f ms on a repeat visit. %s%n", target, targetRepeat,
        verdict(full, target < 2_500 && targetRepeat < 2_500)));
    return md.toString();
  }

  private static String verdict(boolean full, boolean met) {
    return full ? (met ? "**Met.**" : "**Not met.**") : "(Not judged: a smaller run.)";
  }

  private static void row(StringBuilder md, String throttle, String visit, List<Visit> visits) {
    double form = Bench.median(visits.stream().mapToDouble(Visit::formMs).toArray());
    double signIn = Bench.median(visits.stream().mapToDouble(Visit::signInMs).toArray());
    double total = Bench.median(visits.stream().mapToDouble(Visit::toItemsMs).toArray());
    double kb = Bench.median(visits.stream().mapToDouble(v -> v.downAtItems() / 1000.0).toArray());
    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.0f | %.1f |%n", throttle, visit, form < 0 ? "-" : String.format(Locale.ROOT, "%.0f", form),
        signIn < 0 ? "-" : String.format(Locale.ROOT, "%.0f", signIn), total, kb));
  }

  static Visit medianBy(List<Visit> visits, java.util.function.ToLongFunction<Visit> key) {
    List<Visit> sorted = new ArrayList<>(visits);
    sorted.sort(Comparator.comparingLong(key));
    return sorted.get(sorted.size() / 2);
  }

  /** The version Debian's launcher script reports (it may print a warning of its own first). */
  private static String chromium() {
    try {
      Process p = new ProcessBuilder("/usr/bin/chromium", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("Chromium (\\d[\\d.]*)").matcher(out);
      return m.find() ? m.group(1) : "?";
    } catch (Exception e) {
      return "?";
    }
  }

  /** The load average, read once at the start. */
  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  // ---- the counting proxy ----

  /** Passes TCP through to the server on 127.0.0.1, counting the bytes each way. */
  static final class Proxy implements AutoCloseable {
    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    final AtomicLong down = new AtomicLong();
    final AtomicLong up = new AtomicLong();
    /** Responses the server sent, by status, read from the status lines passing through. */
    final Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Vertx vertx = Vertx.vertx();
    private NetServer server;

    static Proxy start(int target) {
      Proxy proxy = new Proxy();
      NetClient client = proxy.vertx.createNetClient();
      proxy.server = proxy.vertx.createNetServer().connectHandler(browser -> {
        browser.pause();
        client.connect(target, "127.0.0.1").onSuccess(app -> {
          pipe(browser, app, proxy.up, null);
          pipe(app, browser, proxy.down, proxy.statuses);
          browser.resume();
        }).onFailure(e -> browser.close());
      }).listen(0, "127.0.0.1").await();
      return proxy;
    }

    private static void pipe(NetSocket from, NetSocket to, AtomicLong count, Map<Integer, AtomicLong> statuses) {
      from.handler(buffer -> {
        count.addAndGet(buffer.length());
        if (statuses != null) {
          java.util.regex.Matcher m = STATUS.matcher(buffer.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
          while (m.find()) statuses.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new AtomicLong()).incrementAndGet();
        }
        to.write(buffer);
        if (to.writeQueueFull()) {
          from.pause();
          to.drainHandler(v -> from.resume());
        }
      });
      from.closeHandler(v -> to.close());
      from.exceptionHandler(e -> to.close());
    }

    int port() {
      return server.actualPort();
    }

    void reset() {
      down.set(0);
      up.set(0);
      statuses.clear();
    }

    String statuses() {
      StringBuilder out = new StringBuilder();
      statuses.forEach((code, n) -> out.append(out.length() == 0 ? "" : ", ").append(n.get()).append(" × ").append(code));
      return out.length() == 0 ? "none" : out.toString();
    }

    @Override
    public void close() {
      vertx.close().await();
    }
  }
}
