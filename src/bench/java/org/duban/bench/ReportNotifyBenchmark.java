package org.duban.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.duban.auth.LeaderRank;
import org.duban.auth.Passwords;
import org.duban.auth.Principal;
import org.duban.auth.Role;
import org.duban.config.Config;
import org.duban.config.ConfigSource;
import org.duban.config.DbTarget;
import org.duban.db.DatabaseBootstrap;
import org.duban.db.Notifications;
import org.duban.db.Pools;
import org.duban.demo.DemoData;
import org.duban.item.Command;
import org.duban.item.Deadlines;
import org.duban.item.ItemChanges;
import org.duban.item.ItemService;
import org.duban.item.Registration;
import org.duban.live.LiveHub;
import org.duban.remind.Policies;
import org.duban.remind.Replanner;
import org.duban.time.CalendarService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the change notification costs on the report submission path: {@code ItemService.submitReport}, the
 * transaction behind {@code POST /items/{id}/reports} (lock, report row, lifecycle, events, re-plan), run in
 * rounds with the notification and without it ({@link ItemChanges.Publisher#SILENT}), alternately, in the same
 * run on the same database, with a live hub listening and reading back every notified change as production
 * would. The HTTP edge in front of it is the same either way and left out. Prints a Markdown section.
 */
public final class ReportNotifyBenchmark {
  static final int ITEMS = Integer.getInteger("bench.reportItems", 32);
  static final int CONCURRENCY = Integer.getInteger("bench.reportConcurrency", 16);
  static final int PER_ROUND = Integer.getInteger("bench.reportsPerRound", 2_000);
  static final int ROUNDS = Integer.getInteger("bench.reportRounds", 4);
  static final Path REPORT = Path.of(System.getProperty("bench.reportOut", "target/bench/report-notify.md"));

  record Round(String name, double perSecond, double p50, double p99) {
  }

  public static void main(String[] args) throws Exception {
    if (!Bench.selected("report-notify")) return;
    DbTarget base = Config.load(ConfigSource.of(System.getenv(), Map.of())).db();
    DbTarget target = base.withDatabase("duban_bench_report_notify");
    try (Connection c = DriverManager.getConnection(base.withDatabase("postgres").jdbcUrl(), base.user(), base.password().orElse(null));
         Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS duban_bench_report_notify WITH (FORCE)");
    }
    DatabaseBootstrap.prepare(target);
    Vertx vertx = Vertx.vertx();
    Pool pool = Pools.create(vertx, target, 16, Duration.ofSeconds(10));
    Clock clock = Clock.systemUTC();
    try {
      Notifications notifications = new Notifications(vertx, Pools.connectOptions(target, Duration.ofSeconds(10)));
      CalendarService calendar = new CalendarService(pool, clock);
      Policies policies = new Policies(pool);
      Replanner replanner = new Replanner(calendar, policies);
      Deadlines.Policy deadlines = new Deadlines.Policy(true);
      ItemService notifying = new ItemService(pool, clock, calendar, deadlines, replanner, ItemChanges.Publisher.NOTIFY);
      ItemService silent = new ItemService(pool, clock, calendar, deadlines, replanner, ItemChanges.Publisher.SILENT);
      // the notification alone: the same pg_notify on a channel no node listens on, so nothing is read back
      ItemService unheard = new ItemService(pool, clock, calendar, deadlines, replanner,
          (tx, channel, payload) -> Notifications.publish(tx, "duban_bench_unheard", payload));
      LiveHub hub = new LiveHub(vertx, notifying).listen(notifications);
      AtomicLong heard = new AtomicLong();
      calendar.start(vertx, notifications).await();
      notifications.start().await();
      policies.storeShipped(clock.instant()).await();
      new DemoData(pool, new Passwords(vertx), clock).seedIfEmpty().await();

      Principal sponsor = principal(pool, "keshi1");
      Principal deputy = principal(pool, "fumishu");
      Principal liaison = principal(pool, "fgw");
      hub.subscribe(sponsor, change -> heard.incrementAndGet());
      List<Long> items = new ArrayList<>();
      for (int i = 0; i < ITEMS; i++) {
        JsonObject registration = new JsonObject().put("kind", "meeting_decision").put("source", "meeting_decision")
            .put("title", "反馈基准 " + i).put("body", "基准").put("leadUnitId", liaison.unitId().orElseThrow())
            .put("cooperatingUnitIds", new JsonArray()).put("responsibleLeader", "王市长").put("node", "1m")
            .put("confidentialityAcknowledged", true);
        long id = notifying.register(sponsor, Registration.fromJson(registration)).await().getLong("id");
        notifying.command(deputy, id, new Command.Approve()).await();
        items.add(id);
      }
      // warm-up, both ways, then alternating rounds so that drift (caches, autovacuum) falls on both alike
      run(vertx, silent, liaison, items, PER_ROUND / 4, "warm-silent");
      run(vertx, notifying, liaison, items, PER_ROUND / 4, "warm-notify");
      List<Round> with = new ArrayList<>();
      List<Round> without = new ArrayList<>();
      List<Round> alone = new ArrayList<>();
      for (int r = 0; r < ROUNDS; r++) {
        without.add(run(vertx, silent, liaison, items, PER_ROUND, "silent-" + r));
        alone.add(run(vertx, unheard, liaison, items, PER_ROUND, "unheard-" + r));
        long before = heard.get();
        with.add(run(vertx, notifying, liaison, items, PER_ROUND, "notify-" + r));
        long target2 = before + PER_ROUND;
        long waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (heard.get() < target2 && System.nanoTime() < waitUntil) Thread.sleep(10);
        System.out.printf("round %d: hub heard %d of %d notified reports%n", r, heard.get() - before, PER_ROUND);
      }
      String section = section(with, without, alone, heard.get());
      System.out.println(section);
      Files.createDirectories(REPORT.toAbsolutePath().getParent());
      Files.writeString(REPORT, section);
    } finally {
      pool.close().await();
      vertx.close().await();
    }
  }

  static Principal principal(Pool pool, String login) {
    Row r = pool.preparedQuery("SELECT id, role, unit_id, rank FROM person WHERE login = $1").execute(io.vertx.sqlclient.Tuple.of(login))
        .await().iterator().next();
    return new Principal(r.getLong("id"), UUID.randomUUID(), Role.fromWire(r.getString("role")), Optional.ofNullable(r.getLong("unit_id")),
        Optional.ofNullable(r.getString("rank")).map(LeaderRank::fromWire));
  }

  /** {@code count} report submissions, {@link #CONCURRENCY} in flight, spread round-robin over the items. */
  static Round run(Vertx vertx, ItemService service, Principal liaison, List<Long> items, int count, String name) throws Exception {
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    io.vertx.core.Promise<Void> finished = io.vertx.core.Promise.promise();
    long t0 = System.nanoTime();
    vertx.runOnContext(v -> {
      for (int i = 0; i < CONCURRENCY; i++) submitNext(service, liaison, items, count, name, latencies, next, done, finished);
    });
    finished.future().toCompletionStage().toCompletableFuture().get();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Arrays.sort(latencies);
    return new Round(name, count / seconds, latencies[count / 2] / 1e6, latencies[(int) (count * 0.99)] / 1e6);
  }

  private static void submitNext(ItemService service, Principal liaison, List<Long> items, int count, String name, long[] latencies,
                                 AtomicInteger next, AtomicInteger done, io.vertx.core.Promise<Void> finished) {
    int n = next.getAndIncrement();
    if (n >= count) return;
    long start = System.nanoTime();
    Future<ItemService.Submitted> submitted = service.submitReport(liaison, items.get(n % items.size()), "第 " + n + " 次反馈",
        false, List.of(), name + "-" + n);
    submitted.onComplete(ar -> {
      if (ar.failed()) {
        finished.tryFail(ar.cause());
        return;
      }
      latencies[n] = System.nanoTime() - start;
      if (done.incrementAndGet() == count) finished.tryComplete();
      else submitNext(service, liaison, items, count, name, latencies, next, done, finished);
    });
  }

  static String section(List<Round> with, List<Round> without, List<Round> alone, long heard) {
    StringBuilder out = new StringBuilder();
    out.append("| round | mode | reports /s | p50 ms | p99 ms |\n|---|---|---|---|---|\n");
    for (int i = 0; i < with.size(); i++) {
      row(out, i, "no notification", without.get(i));
      row(out, i, "notification, nobody listening", alone.get(i));
      row(out, i, "notification, hub reading back", with.get(i));
    }
    double a = mean(without);
    out.append(String.format("%nMeans: %.0f/s without; %.0f/s (%+.1f %%) with the notification alone; %.0f/s (%+.1f %%) with the hub"
            + " reading back each change on the same pool. Date %s, %d cores, Java %s, %d items, %d in flight, %d reports a round;"
            + " the hub heard %d notified reports in all.%n",
        a, mean(alone), (mean(alone) - a) / a * 100, mean(with), (mean(with) - a) / a * 100, LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), ITEMS, CONCURRENCY, PER_ROUND, heard));
    return out.toString();
  }

  private static void row(StringBuilder out, int round, String mode, Round r) {
    out.append(String.format("| %d | %s | %.0f | %.1f | %.1f |%n", round + 1, mode, r.perSecond(), r.p50(), r.p99()));
  }

  private static double mean(List<Round> rounds) {
    return rounds.stream().mapToDouble(Round::perSecond).average().orElse(0);
  }
}
