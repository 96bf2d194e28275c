package org.duban.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.duban.auth.SignInLinks;
import org.duban.config.Config;
import org.duban.config.ConfigSource;
import org.duban.config.DbTarget;
import org.duban.db.DatabaseBootstrap;
import org.duban.db.Pools;
import org.duban.item.SystemCommands;
import org.duban.remind.ReminderEngine;
import org.duban.remind.ReminderPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures Duban's reminder engine beside db-scheduler (lock-and-fetch polling) on the same
 * PostgreSQL: a burst of messages due in the same second (on one item, and spread over many items), a
 * steady rate at half our burst rate, the same steady rate and many-item burst again with millions of
 * messages pending further ahead, and a restart with a million pending. Both do the same durable work
 * per message: claim it, and write one row saying it went out. Results go to docs/performance.md when
 * run at the full sizes ({@code mvn -Pbench verify}), to target/bench/performance.md otherwise.
 */
public final class ReminderBenchmark {
  static final int BURST = Integer.getInteger("bench.burst", 100_000);
  static final int STEADY_SECONDS = Integer.getInteger("bench.steadySeconds", 20);
  static final int RESTART_PENDING = Integer.getInteger("bench.restartPending", 1_000_000);
  static final int ITEMS = Integer.getInteger("bench.items", 10_000);
  static final int FAR_PENDING = Integer.getInteger("bench.farPending", 10_000_000);
  static final int SEED_CHUNK = 1_000_000;
  static final Duration LEAD = Duration.ofSeconds(15);
  static final boolean FULL_SIZE = BURST == 100_000 && STEADY_SECONDS == 20 && RESTART_PENDING == 1_000_000 && ITEMS == 10_000
      && FAR_PENDING == 10_000_000;
  static final Path REPORT = Path.of(System.getProperty("bench.report", FULL_SIZE ? "docs/performance.md" : "target/bench/performance.md"));

  /** The benchmark plans reminders only; an escalation reaching the item package would be a mistake in its data. */
  static final SystemCommands NO_ESCALATIONS = (tx, orders, now) ->
      Future.failedFuture(new IllegalStateException("the benchmark plans no escalation, yet " + orders.size() + " came due"));

  /** Sections of the report other benchmarks measure (ReportNotifyBenchmark's) survive this one's rewrite. */
  static String keptSections(Path report) throws IOException {
    if (!Files.exists(report)) return "";
    String text = Files.readString(report);
    int at = text.indexOf("\n## The change notification on the report path");
    return at < 0 ? "" : text.substring(at);
  }

  record Result(String name, String scenario, long messages, double perSecond, double p50, double p99, double max, long early,
                long duplicates, long misses) {
  }

  public static void main(String[] args) throws Exception {
    if (!Bench.selected("reminder")) return;
    DbTarget base = Config.load(ConfigSource.of(System.getenv(), Map.of())).db();
    List<Result> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String items = String.format("%,d items", ITEMS);
    Ours ours = new Ours(base.withDatabase("duban_bench_engine"));
    Result oursBurst = ours.run("burst, one item", Load.burst(1), true);
    results.add(oursBurst);
    notes.add("Heap held by the wheel per pending message: about " + ours.heapPerPending + " bytes (" + fmt(BURST) + " loaded).");
    results.add(ours.run("burst, " + items, Load.burst(ITEMS), false));
    int steadyRate = (int) Math.max(100, oursBurst.perSecond() / 2);
    String steady = "steady " + steadyRate + "/s";
    results.add(ours.run(steady, Load.steady(steadyRate, 1), false));
    if (FAR_PENDING > 0) {
      String far = String.format("%,d pending", FAR_PENDING);
      notes.add(ours.seedFar(FAR_PENDING));
      results.add(ours.run(steady + ", " + far, Load.steady(steadyRate, 1), false));
      results.add(ours.run("burst, " + items + ", " + far, Load.burst(ITEMS), false));
      notes.add(ours.farFiredEarly() + " of the " + far + " fired (all are due 30 to 60 days ahead, so any would be early); "
          + "they were then dropped (TRUNCATE).");
      ours.dropFar();
    }
    notes.add(ours.restart(RESTART_PENDING));
    notes.add(ours.settings());
    ours.close();

    DbScheduler peer = new DbScheduler(base.withDatabase("duban_bench_dbscheduler"));
    Result peerBurst = peer.run("burst", Load.burst(1));
    results.add(peerBurst);
    results.add(peer.run(steady, Load.steady(steadyRate, 1)));
    notes.add(0, String.format("Against db-scheduler's burst in this run: Duban's one-item burst is %.1f times its throughput, the"
        + " 10,000-item burst %.1f times (target: at least 2).", oursBurst.perSecond() / peerBurst.perSecond(),
        results.get(1).perSecond() / peerBurst.perSecond()));
    peer.close();
    write(results, notes, steadyRate);
  }

  /**
   * When the scenario's messages fall due, and over how many items they are spread (message g belongs
   * to item g mod items). A burst has them all due in the same second.
   */
  record Load(int size, int perSecond, int items) {
    static Load burst(int items) {
      return new Load(BURST, 0, items);
    }

    static Load steady(int rate, int items) {
      return new Load(rate * STEADY_SECONDS, rate, items);
    }

    /** SQL for the due time of message g (1-based) of a scenario starting at {@code start}. */
    String dueAt(Instant start) {
      long startMillis = start.toEpochMilli();
      return perSecond == 0 ? "to_timestamp(" + startMillis / 1000.0 + ")"
          : "to_timestamp((" + startMillis + " + (g - 1) * 1000.0 / " + perSecond + ") / 1000.0)";
    }
  }

  /** Duban's engine: Netty's wheel over planned_message, claims in batches, the outbox in the same transaction. */
  static final class Ours {
    /** Where message g of a scenario goes: the benchmark's item 1 alone, or the many items of bench_item. */
    static final String ONE_ITEM = "(SELECT 0 AS n, 1::bigint AS item_id, 1::bigint AS unit_id)";
    static final String FAR_PREFIX = "far:";

    final DbTarget target;
    final Vertx vertx = Vertx.vertx();
    final Pool pool;
    long heapPerPending;
    int scenarios;
    boolean farPending;

    Ours(DbTarget target) throws SQLException {
      this.target = target;
      recreate(target);
      DatabaseBootstrap.prepare(target);
      try (Connection c = connect(target); Statement s = c.createStatement()) {
        s.execute("INSERT INTO unit (name, kind, first_responsible_phone, specific_responsible_phone, created_at, updated_at)"
            + " VALUES ('基准单位', 'department', '13900000001', '13900000002', now(), now())");
        s.execute("INSERT INTO person (login, display_name, role, unit_id, password_hash, created_at, updated_at)"
            + " VALUES ('bench', '基准', 'sponsor', 1, 'x', now(), now())");
        s.execute("INSERT INTO item (number, board, kind, source, title, body, sponsor_unit_id, responsible_leader, node, status,"
            + " registered_by, registered_at, assigned_at, updated_at) VALUES ('B-2026-0001', 'daily', 'other', 'meeting_decision',"
            + " '基准事项', 'x', 1, '基准', '1d', 'active', 1, now(), now(), now())");
        s.execute("INSERT INTO item_unit (item_id, unit_id, role, status, deadline) VALUES (1, 1, 'lead', 'assigned', now() + interval '1 day')");
        // every shipped version, the latest in force; the seeded messages say version 1, which stays stored
        for (ReminderPolicy policy : ReminderPolicy.shippedVersions()) {
          s.execute("INSERT INTO reminder_policy (version, document, in_force, created_at) VALUES (" + policy.version() + ", '"
              + policy.toJson().encode().replace("'", "''") + "', " + (policy.version() == ReminderPolicy.shipped().version())
              + ", now())");
        }
        // The many items: each active, sponsored by unit 1, with its own lead unit and that unit's two phones.
        s.execute("INSERT INTO unit (name, kind, first_responsible_phone, specific_responsible_phone, created_at, updated_at)"
            + " SELECT '基准承办单位' || g, 'department', '138' || lpad(g::text, 8, '0'), '137' || lpad(g::text, 8, '0'), now(), now()"
            + " FROM generate_series(1, " + ITEMS + ") g");
        s.execute("INSERT INTO item (number, board, kind, source, title, body, sponsor_unit_id, responsible_leader, node, status,"
            + " registered_by, registered_at, assigned_at, updated_at) SELECT 'M-2026-' || g, 'daily', 'other', 'meeting_decision',"
            + " '基准事项' || g, 'x', 1, '基准', '1d', 'active', 1, now(), now(), now() FROM generate_series(1, " + ITEMS + ") g");
        s.execute("CREATE TABLE bench_item AS SELECT g - 1 AS n, i.id AS item_id, u.id AS unit_id FROM generate_series(1, " + ITEMS
            + ") g JOIN item i ON i.number = 'M-2026-' || g JOIN unit u ON u.name = '基准承办单位' || g");
        s.execute("ALTER TABLE bench_item ADD PRIMARY KEY (n)");
        s.execute("INSERT INTO item_unit (item_id, unit_id, role, status, deadline)"
            + " SELECT item_id, unit_id, 'lead', 'assigned', now() + interval '1 day' FROM bench_item");
        s.execute("VACUUM ANALYZE");
      }
      pool = Pools.create(vertx, target, 8, Duration.ofSeconds(30));
    }

    Result run(String scenario, Load load, boolean measureHeap) throws Exception {
      clear();
      String prefix = "s" + ++scenarios + ":";
      Instant start = Instant.now().plus(LEAD);
      seed(prefix, load, start);
      System.gc();
      long before = usedHeap();
      ReminderEngine engine = new ReminderEngine(vertx, pool, Clock.systemUTC(), "bench", NO_ESCALATIONS, SignInLinks.none(), () -> { });
      engine.start();
      if (measureHeap) {
        awaitLoaded();
        System.gc();
        heapPerPending = Math.max(0, (usedHeap() - before) / load.size());
      }
      // Counted through the partial index of what is planned: cheap beside the engine, and blind to the far-off pending.
      awaitCount(() -> load.size() - count("SELECT count(*) FROM planned_message WHERE state = 'planned'"
          + " AND send_at < now() + interval '1 day'"), load.size(), Duration.ofMinutes(10));
      engine.stop();
      Result r = measure("Duban wheel", scenario, load.size(),
          "SELECT extract(epoch FROM fired_at - send_at) * 1000 AS late, fired_at FROM planned_message"
              + " WHERE state = 'fired' AND key LIKE '" + prefix + "%'",
          count("SELECT count(*) FROM outbox") - 2L * load.size());
      if (farPending) {
        r = new Result(r.name(), r.scenario(), r.messages(), r.perSecond(), r.p50(), r.p99(), r.max(), r.early() + farFiredEarly(),
            r.duplicates(), r.misses());
      }
      System.out.println(r);
      return r;
    }

    /** Empties what the previous scenario left; the far-off pending messages, if any, stay, on a vacuumed table. */
    private void clear() throws SQLException {
      if (!farPending) {
        exec("TRUNCATE outbox, planned_message");
        return;
      }
      exec("TRUNCATE outbox");
      exec("DELETE FROM planned_message WHERE key NOT LIKE '" + FAR_PREFIX + "%'");
      exec("VACUUM planned_message");
      exec("CHECKPOINT");
    }

    /**
     * Plans {@code pending} messages due 30 to 60 days ahead, spread over the many items (distinct keys,
     * due times scattered over the month), in the state a long-running server would hold them.
     */
    String seedFar(int pending) throws SQLException {
      exec("TRUNCATE outbox, planned_message");
      long t0 = System.nanoTime();
      for (int from = 0; from < pending; from += SEED_CHUNK) {
        int to = Math.min(pending, from + SEED_CHUNK);
        long c0 = System.nanoTime();
        exec("INSERT INTO planned_message (key, item_id, unit_id, recipient, kinds, rules, policy_version, due_at, send_at, state,"
            + " planned_at) SELECT '" + FAR_PREFIX + "' || g, m.item_id, m.unit_id, 'unit_responsible', '{weekly}', '{R17}', 1, t.at,"
            + " t.at, 'planned', now() FROM generate_series(" + (from + 1) + ", " + to + ") g JOIN bench_item m ON m.n = g % " + ITEMS
            + " CROSS JOIN LATERAL (SELECT now() + interval '30 days' + make_interval(secs => (g::bigint * 7919) % 2592000) AS at) t");
        System.out.printf("seeded %,d of %,d far-off pending in %.1f s%n", to, pending, (System.nanoTime() - c0) / 1e9);
      }
      double insert = (System.nanoTime() - t0) / 1e9;
      long v0 = System.nanoTime();
      exec("VACUUM ANALYZE planned_message");
      exec("CHECKPOINT");
      double vacuum = (System.nanoTime() - v0) / 1e9;
      farPending = true;
      long bytes = count("SELECT pg_total_relation_size('planned_message')");
      long heap = count("SELECT pg_relation_size('planned_message')");
      return String.format("Far-off pending: %,d planned messages due 30 to 60 days ahead (about %,d per item over the %,d items,"
              + " distinct keys, due times scattered over the month) were inserted with INSERT ... SELECT generate_series in batches"
              + " of %,d, foreign keys checked, in %.0f s (%.1f s per million), then VACUUM ANALYZE took %.0f s. planned_message then"
              + " took %,d MiB with its indexes (pg_total_relation_size; %,d MiB of it the table itself). The rows marked"
              + " \"%,d pending\" ran with all of them in the table; before each scenario the previous one's messages were deleted and"
              + " the table vacuumed.",
          pending, pending / ITEMS, ITEMS, SEED_CHUNK, insert, insert / (pending / 1e6), vacuum, bytes / 1_048_576, heap / 1_048_576,
          pending);
    }

    long farFiredEarly() {
      return count("SELECT count(*) FROM planned_message WHERE key LIKE '" + FAR_PREFIX + "%' AND state = 'fired'");
    }

    void dropFar() throws SQLException {
      exec("TRUNCATE outbox, planned_message");
      farPending = false;
    }

    String restart(int pending) throws Exception {
      exec("TRUNCATE outbox, planned_message");
      exec("INSERT INTO planned_message (key, item_id, unit_id, recipient, kinds, rules, policy_version, due_at, send_at, state, planned_at)"
          + " SELECT 'p' || g, 1, 1, 'unit_responsible', '{weekly}', '{R17}', 1, now() + interval '1 day', now() + interval '1 day',"
          + " 'planned', now() FROM generate_series(1, " + pending + ") g");
      exec("INSERT INTO planned_message (key, item_id, unit_id, recipient, kinds, rules, policy_version, due_at, send_at, state, planned_at)"
          + " SELECT 'late' || g, 1, 1, 'unit_responsible', '{urge}', '{R15}', 1, now() - interval '1 minute', now() - interval '1 minute',"
          + " 'planned', now() FROM generate_series(1, 1000) g");
      exec("ANALYZE planned_message");
      exec("CHECKPOINT"); // the setup's writes go to disk now, not during the scenario
      long t0 = System.nanoTime();
      ReminderEngine engine = new ReminderEngine(vertx, pool, Clock.systemUTC(), "bench-restart", NO_ESCALATIONS, SignInLinks.none(), () -> { });
      engine.start();
      awaitCount(() -> count("SELECT count(*) FROM planned_message WHERE state = 'fired'"), 1, Duration.ofMinutes(2));
      long first = (System.nanoTime() - t0) / 1_000_000;
      awaitCount(() -> count("SELECT count(*) FROM planned_message WHERE state = 'fired'"), 1000, Duration.ofMinutes(2));
      long all = (System.nanoTime() - t0) / 1_000_000;
      engine.stop();
      long late = count("SELECT count(*) FROM planned_message WHERE late");
      return "Restart with " + fmt(pending) + " pending (due tomorrow) and 1,000 overdue: first fired " + first + " ms after start, all 1,000 "
          + all + " ms after start, " + late + " marked late, " + count("SELECT count(*) FROM planned_message WHERE state = 'fired' AND key LIKE 'p%'")
          + " of the pending fired early.";
    }

    /** The server settings the numbers depend on. */
    String settings() {
      return "PostgreSQL: " + show("server_version") + ", shared_buffers " + show("shared_buffers") + ", work_mem " + show("work_mem")
          + ", synchronous_commit " + show("synchronous_commit") + ", autovacuum " + show("autovacuum") + ".";
    }

    private String show(String setting) {
      try (Connection c = connect(target); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting)) {
        r.next();
        return r.getString(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    private void seed(String prefix, Load load, Instant start) throws SQLException {
      String at = load.dueAt(start);
      exec("INSERT INTO planned_message (key, item_id, unit_id, recipient, kinds, rules, policy_version, due_at, send_at, state, planned_at)"
          + " SELECT '" + prefix + "' || g, m.item_id, m.unit_id, 'unit_responsible', '{before_deadline}', '{R13}', 1, " + at + ", " + at
          + ", 'planned', now() FROM generate_series(1, " + load.size() + ") g JOIN " + (load.items() == 1 ? ONE_ITEM : "bench_item")
          + " m ON m.n = (g - 1) % " + load.items());
      exec("ANALYZE planned_message");
      exec("CHECKPOINT"); // the setup's writes go to disk now, not during the scenario
    }

    /** The wheel holds the burst once the scans that read it (one a second, 50,000 at a time) have run. */
    private void awaitLoaded() throws InterruptedException {
      Thread.sleep(1_000L * (BURST / 50_000 + 2));
    }

    long count(String sql) {
      return ReminderBenchmark.count(target, sql);
    }

    void exec(String sql) throws SQLException {
      ReminderBenchmark.exec(target, sql);
    }

    Result measure(String name, String scenario, long n, String sql, long duplicates) throws SQLException {
      return ReminderBenchmark.measure(target, name, scenario, n, sql, duplicates);
    }

    void close() {
      pool.close().await();
      vertx.close().await();
    }
  }

  /** db-scheduler with lock-and-fetch polling, its task writing the same one row per message. */
  static final class DbScheduler {
    final DbTarget target;
    final HikariDataSource dataSource;

    DbScheduler(DbTarget target) throws SQLException {
      this.target = target;
      recreate(target);
      try (Connection c = connect(target); Statement s = c.createStatement()) {
        s.execute("""
            CREATE TABLE scheduled_tasks (task_name text NOT NULL, task_instance text NOT NULL, task_data bytea,
              execution_time timestamptz NOT NULL, picked boolean NOT NULL, picked_by text, last_success timestamptz,
              last_failure timestamptz, consecutive_failures int, last_heartbeat timestamptz, version bigint NOT NULL,
              priority smallint, PRIMARY KEY (task_name, task_instance))""");
        s.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
        s.execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
        s.execute("CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)");
        s.execute("CREATE TABLE fired (instance text PRIMARY KEY, due_at timestamptz NOT NULL, fired_at timestamptz NOT NULL)");
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(target.jdbcUrl());
      config.setUsername(target.user());
      target.password().ifPresent(config::setPassword);
      config.setMaximumPoolSize(16);
      dataSource = new HikariDataSource(config);
    }

    Result run(String scenario, Load load) throws Exception {
      exec("TRUNCATE scheduled_tasks, fired");
      Instant start = Instant.now().plus(LEAD);
      exec("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
          + " SELECT 'reminder', g::text, " + load.dueAt(start) + ", false, 1 FROM generate_series(1, " + load.size() + ") g");
      exec("ANALYZE scheduled_tasks");
      exec("CHECKPOINT"); // the setup's writes go to disk now, not during the scenario
      OneTimeTask<Void> task = Tasks.oneTime("reminder").execute((instance, context) -> record(instance.getId(), context
          .getExecution().executionTime));
      Scheduler scheduler = Scheduler.create(dataSource, task).pollUsingLockAndFetch(0.5, 3.0).threads(16)
          .pollingInterval(Duration.ofMillis(100)).build();
      scheduler.start();
      awaitCount(() -> count("SELECT count(*) FROM fired"), load.size(), Duration.ofMinutes(15));
      scheduler.stop();
      Result r = ReminderBenchmark.measure(target, "db-scheduler", scenario, load.size(),
          "SELECT extract(epoch FROM fired_at - due_at) * 1000 AS late, fired_at FROM fired", 0);
      System.out.println(r);
      return r;
    }

    private void record(String instance, Instant due) {
      try (Connection c = dataSource.getConnection(); var s = c.prepareStatement(
          "INSERT INTO fired (instance, due_at, fired_at) VALUES (?, ?, clock_timestamp())")) {
        s.setString(1, instance);
        s.setObject(2, java.time.OffsetDateTime.ofInstant(due, java.time.ZoneOffset.UTC));
        s.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    long count(String sql) {
      return ReminderBenchmark.count(target, sql);
    }

    void exec(String sql) throws SQLException {
      ReminderBenchmark.exec(target, sql);
    }

    void close() {
      dataSource.close();
    }
  }

  static Result measure(DbTarget target, String name, String scenario, long n, String sql, long duplicates) throws SQLException {
    List<Double> late = new ArrayList<>();
    Instant first = null;
    Instant last = null;
    try (Connection c = connect(target); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        late.add(r.getDouble("late"));
        Instant at = r.getTimestamp("fired_at").toInstant();
        first = first == null || at.isBefore(first) ? at : first;
        last = last == null || at.isAfter(last) ? at : last;
      }
    }
    late.sort(Double::compare);
    double seconds = Math.max(0.001, Duration.between(first, last).toMillis() / 1000.0);
    long early = late.stream().filter(v -> v < 0).count();
    return new Result(name, scenario, n, late.size() / seconds, pct(late, 0.50), pct(late, 0.99), late.get(late.size() - 1), early,
        duplicates, n - late.size());
  }

  static double pct(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  static void awaitCount(LongSupplier counter, long target, Duration atMost) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (counter.getAsLong() < target) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("timed out at " + counter.getAsLong() + " of " + target);
      Thread.sleep(200);
    }
  }

  static long count(DbTarget target, String sql) {
    try (Connection c = connect(target); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void exec(DbTarget target, String sql) throws SQLException {
    try (Connection c = connect(target); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static void recreate(DbTarget target) throws SQLException {
    try (Connection c = connect(target.withDatabase("postgres")); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + target.database() + "\" WITH (FORCE)");
      s.execute("CREATE DATABASE \"" + target.database() + "\"");
    }
  }

  static Connection connect(DbTarget target) throws SQLException {
    return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password().orElse(null));
  }

  static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  static String fmt(long n) {
    return String.format("%,d", n);
  }

  static void write(List<Result> results, List<String> notes, int steadyRate) throws IOException {
    StringBuilder md = new StringBuilder("# Performance\n\n");
    md.append("Measured ").append(LocalDate.now()).append(" on this machine: ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ").append(Runtime.getRuntime().maxMemory() / 1_048_576).append(" MiB max heap, Java ")
        .append(System.getProperty("java.version")).append(", PostgreSQL on 127.0.0.1. Command: `mvn -Pbench verify` (sizes can be")
        .append(" made smaller with `-Dbench.burst`, `-Dbench.steadySeconds`, `-Dbench.items`, `-Dbench.restartPending` and")
        .append(" `-Dbench.farPending`; a smaller run writes to target/bench/performance.md, not here).\n\n");
    md.append("Both engines do the same durable work per message on the same PostgreSQL: claim it and write one row saying it ")
        .append("went out (Duban: an outbox row per phone, two phones; db-scheduler: one row from its task). Lateness is the ")
        .append("time from due to claimed, in milliseconds. Dispatched /s is the messages claimed and written over the time from ")
        .append("the first claim to the last.\n\n");
    md.append("The scenarios:\n\n");
    md.append("- burst: ").append(fmt(BURST)).append(" messages due in the same second. \"one item\": all belong to one item, so each")
        .append(" claim batch locks one item row. \"").append(fmt(ITEMS)).append(" items\": the same burst spread over ").append(fmt(ITEMS))
        .append(" items, each active with its own lead unit and that unit's two phones, so each claim batch of up to 1,000")
        .append(" messages locks up to 1,000 item rows.\n");
    md.append("- steady ").append(steadyRate).append("/s: messages due evenly over ").append(STEADY_SECONDS)
        .append(" s, on one item, at half the rate the one-item burst reached.\n");
    if (FAR_PENDING > 0) {
      md.append("- \"").append(fmt(FAR_PENDING)).append(" pending\": the steady rate and the many-item burst again, in the same run,")
          .append(" with ").append(fmt(FAR_PENDING)).append(" more messages planned 30 to 60 days ahead in the same table. Their")
          .append(" early column also counts any of those that fired.\n");
    }
    md.append("- db-scheduler knows no items: its rows are the same burst and steady rate as scheduled tasks.\n\n");
    md.append("| engine | scenario | messages | durably dispatched /s | p50 late | p99 late | max late | early | duplicates | misses |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      md.append(String.format("| %s | %s | %d | %.0f | %.0f | %.0f | %.0f | %d | %d | %d |%n", r.name(), r.scenario(), r.messages(),
          r.perSecond(), r.p50(), r.p99(), r.max(), r.early(), r.duplicates(), r.misses()));
    }
    md.append('\n');
    notes.forEach(n -> md.append("- ").append(n).append('\n'));
    Files.createDirectories(REPORT.toAbsolutePath().getParent());
    Files.writeString(REPORT, md.toString() + keptSections(REPORT));
    System.out.println(md);
    System.out.println("written to " + REPORT);
  }
}
