package org.duban.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.duban.config.Config;
import org.duban.config.ConfigSource;
import org.duban.config.DbTarget;
import org.duban.db.DatabaseBootstrap;
import org.duban.db.Pools;
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
 * PostgreSQL: a burst of messages due in the same second, a steady rate at half our burst rate, and
 * a restart with a million pending. Both do the same durable work per message: claim it, and write
 * one row saying it went out. Results go to docs/performance.md. Run: {@code mvn -Pbench verify}.
 */
public final class ReminderBenchmark {
  static final int BURST = Integer.getInteger("bench.burst", 100_000);
  static final int STEADY_SECONDS = Integer.getInteger("bench.steadySeconds", 20);
  static final int RESTART_PENDING = Integer.getInteger("bench.restartPending", 1_000_000);
  static final Duration LEAD = Duration.ofSeconds(15);

  record Result(String name, String scenario, long messages, double perSecond, double p50, double p99, double max, long early,
                long duplicates, long misses) {
  }

  public static void main(String[] args) throws Exception {
    DbTarget base = Config.load(ConfigSource.of(System.getenv(), Map.of())).db();
    List<Result> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Ours ours = new Ours(base.withDatabase("duban_bench_engine"));
    Result oursBurst = ours.run("burst", burstSchedule());
    results.add(oursBurst);
    notes.add("Heap held by the wheel per pending message: about " + ours.heapPerPending + " bytes (" + BURST + " loaded).");
    int steadyRate = (int) Math.max(100, oursBurst.perSecond() / 2);
    results.add(ours.run("steady " + steadyRate + "/s", steadySchedule(steadyRate)));
    notes.add(ours.restart(RESTART_PENDING));
    ours.close();

    DbScheduler peer = new DbScheduler(base.withDatabase("duban_bench_dbscheduler"));
    results.add(peer.run("burst", burstSchedule()));
    results.add(peer.run("steady " + steadyRate + "/s", steadySchedule(steadyRate)));
    peer.close();
    notes.add("Not measured yet: firing with 10,000,000 pending in the database.");
    write(results, notes);
  }

  /** Offsets in milliseconds from the start of the scenario at which each message falls due. */
  interface Schedule {
    int size();

    long offsetMillis(int i);
  }

  static Schedule burstSchedule() {
    return new Schedule() {
      public int size() {
        return BURST;
      }

      public long offsetMillis(int i) {
        return 0;
      }
    };
  }

  static Schedule steadySchedule(int rate) {
    return new Schedule() {
      public int size() {
        return rate * STEADY_SECONDS;
      }

      public long offsetMillis(int i) {
        return i * 1000L / rate;
      }
    };
  }

  /** Duban's engine: Netty's wheel over planned_message, claims in batches, the outbox in the same transaction. */
  static final class Ours {
    final DbTarget target;
    final Vertx vertx = Vertx.vertx();
    final Pool pool;
    long heapPerPending;

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
        s.execute("INSERT INTO reminder_policy (version, document, in_force, created_at) VALUES ("
            + ReminderPolicy.shipped().version() + ", '" + ReminderPolicy.shipped().toJson().encode().replace("'", "''")
            + "', true, now())");
      }
      pool = Pools.create(vertx, target, 8, Duration.ofSeconds(30));
    }

    Result run(String scenario, Schedule schedule) throws Exception {
      exec("TRUNCATE outbox, planned_message");
      Instant start = Instant.now().plus(LEAD);
      seed("m", schedule, start, 0);
      System.gc();
      long before = usedHeap();
      ReminderEngine engine = new ReminderEngine(vertx, pool, Clock.systemUTC(), "bench", () -> { });
      engine.start();
      if (scenario.equals("burst")) {
        awaitLoaded();
        System.gc();
        heapPerPending = Math.max(0, (usedHeap() - before) / schedule.size());
      }
      awaitCount(() -> count("SELECT count(*) FROM planned_message WHERE state = 'fired'"), schedule.size(), Duration.ofMinutes(10));
      engine.stop();
      return measure("Duban wheel", scenario, schedule.size(),
          "SELECT extract(epoch FROM fired_at - send_at) * 1000 AS late, fired_at FROM planned_message WHERE state = 'fired'",
          count("SELECT count(*) FROM outbox") - 2L * schedule.size());
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
      long t0 = System.nanoTime();
      ReminderEngine engine = new ReminderEngine(vertx, pool, Clock.systemUTC(), "bench-restart", () -> { });
      engine.start();
      awaitCount(() -> count("SELECT count(*) FROM planned_message WHERE state = 'fired'"), 1, Duration.ofMinutes(2));
      long first = (System.nanoTime() - t0) / 1_000_000;
      awaitCount(() -> count("SELECT count(*) FROM planned_message WHERE state = 'fired'"), 1000, Duration.ofMinutes(2));
      long all = (System.nanoTime() - t0) / 1_000_000;
      engine.stop();
      long late = count("SELECT count(*) FROM planned_message WHERE late");
      return "Restart with " + pending + " pending (due tomorrow) and 1000 overdue: first fired " + first + " ms after start, all 1000 "
          + all + " ms after start, " + late + " marked late, " + count("SELECT count(*) FROM planned_message WHERE state = 'fired' AND key LIKE 'p%'")
          + " of the pending fired early.";
    }

    private void seed(String prefix, Schedule schedule, Instant start, int from) throws SQLException {
      long startMillis = start.toEpochMilli();
      boolean burst = schedule.offsetMillis(schedule.size() - 1) == 0;
      String sendAt = burst ? "to_timestamp(" + startMillis / 1000.0 + ")"
          : "to_timestamp((" + startMillis + " + (g - 1) * 1000.0 / " + (schedule.size() / STEADY_SECONDS) + ") / 1000.0)";
      exec("INSERT INTO planned_message (key, item_id, unit_id, recipient, kinds, rules, policy_version, due_at, send_at, state, planned_at)"
          + " SELECT '" + prefix + "' || g, 1, 1, 'unit_responsible', '{before_deadline}', '{R13}', 1, " + sendAt + ", " + sendAt
          + ", 'planned', now() FROM generate_series(" + (from + 1) + ", " + (from + schedule.size()) + ") g");
      exec("ANALYZE planned_message");
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

    Result run(String scenario, Schedule schedule) throws Exception {
      exec("TRUNCATE scheduled_tasks, fired");
      Instant start = Instant.now().plus(LEAD);
      long startMillis = start.toEpochMilli();
      int rate = Math.max(1, schedule.size() / STEADY_SECONDS);
      boolean burst = schedule.offsetMillis(schedule.size() - 1) == 0;
      String at = burst ? "to_timestamp(" + startMillis / 1000.0 + ")" : "to_timestamp((" + startMillis + " + (g - 1) * 1000.0 / " + rate + ") / 1000.0)";
      exec("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
          + " SELECT 'reminder', g::text, " + at + ", false, 1 FROM generate_series(1, " + schedule.size() + ") g");
      exec("ANALYZE scheduled_tasks");
      OneTimeTask<Void> task = Tasks.oneTime("reminder").execute((instance, context) -> record(instance.getId(), context
          .getExecution().executionTime));
      Scheduler scheduler = Scheduler.create(dataSource, task).pollUsingLockAndFetch(0.5, 3.0).threads(16)
          .pollingInterval(Duration.ofMillis(100)).build();
      scheduler.start();
      awaitCount(() -> count("SELECT count(*) FROM fired"), schedule.size(), Duration.ofMinutes(15));
      scheduler.stop();
      return ReminderBenchmark.measure(target, "db-scheduler", scenario, schedule.size(),
          "SELECT extract(epoch FROM fired_at - due_at) * 1000 AS late, fired_at FROM fired", 0);
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

  static void write(List<Result> results, List<String> notes) throws IOException {
    StringBuilder md = new StringBuilder("# Performance\n\n");
    md.append("Measured ").append(LocalDate.now()).append(" on this machine: ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ").append(Runtime.getRuntime().maxMemory() / 1_048_576).append(" MiB max heap, Java ")
        .append(System.getProperty("java.version")).append(", PostgreSQL on 127.0.0.1. Command: `mvn -Pbench verify`.\n\n");
    md.append("Both engines do the same durable work per message on the same PostgreSQL: claim it and write one row saying it ")
        .append("went out (Duban: an outbox row per phone, two phones; db-scheduler: one row from its task). Lateness is the ")
        .append("time from due to claimed, in milliseconds.\n\n");
    md.append("| engine | scenario | messages | durably dispatched /s | p50 late | p99 late | max late | early | duplicates | misses |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      md.append(String.format("| %s | %s | %d | %.0f | %.0f | %.0f | %.0f | %d | %d | %d |%n", r.name(), r.scenario(), r.messages(),
          r.perSecond(), r.p50(), r.p99(), r.max(), r.early(), r.duplicates(), r.misses()));
    }
    md.append('\n');
    notes.forEach(n -> md.append("- ").append(n).append('\n'));
    Files.writeString(Path.of("docs/performance.md"), md.toString());
    System.out.println(md);
  }
}
