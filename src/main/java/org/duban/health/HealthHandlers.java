package org.duban.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.duban.http.Api;
import org.duban.fault.Refusal;
import org.duban.fault.Refusal.Kind;
import org.duban.http.Reply;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Liveness (the process answers), readiness (PostgreSQL answers too) and Prometheus metrics. */
public final class HealthHandlers {
  private static final long READY_TIMEOUT_MS = 2_000;

  private HealthHandlers() {
  }

  public static void mount(Api api, Pool pool, PrometheusMeterRegistry registry, DeliveryHealth delivery, CalendarHealth calendar) {
    // a missing calendar is a warning, not an outage: 200 with status WARN (R12)
    api.on("calendarHealth", rc -> Future.succeededFuture(Reply.ok(calendar.check())));
    api.on("delivery", rc -> delivery.check().map(report -> "UP".equals(report.getString("status"))
        ? Reply.ok(report)
        : new Reply(503, report, Map.of())));
    api.on("live", rc -> Future.succeededFuture(Reply.ok(new JsonObject().put("status", "UP"))));
    api.on("ready", rc -> database(pool)
        .map(v -> Reply.ok(new JsonObject().put("status", "UP").put("checks", new JsonObject().put("database", "UP"))))
        .recover(e -> Future.failedFuture(notReady(e))));
    api.raw("metrics", rc -> rc.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape()));
  }

  private static Future<Void> database(Pool pool) {
    return pool.query("SELECT 1").execute().<Void>mapEmpty().timeout(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private static Refusal notReady(Throwable cause) {
    return new Refusal(Kind.UNAVAILABLE, "not-ready", "Not ready", "PostgreSQL does not answer: " + cause.getClass().getSimpleName(),
        List.of(), Map.of("checks", Map.of("database", "DOWN")));
  }
}
