package org.duban.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.duban.auth.LeaderRank;
import org.duban.auth.Principal;
import org.duban.auth.Role;
import org.duban.item.Command;
import org.duban.item.Deadlines;
import org.duban.item.ItemService;
import org.duban.item.ItemWatcher;
import org.duban.item.Registration;
import org.duban.time.CalendarService;
import org.duban.time.SimulatedClock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A few demo items, registered and approved through the same lifecycle as real ones, so their numbers,
 * deadlines and timelines are genuine. They are written relative to the clock the server starts on, as
 * if the office had been at work for a day or so: a drill on a fresh database, in any month, at once has
 * an item overdue (urged every few hours, R15), one due within hours (R13's reminder 5 hours before), a
 * rectification draft awaiting approval (R05), and a 7-day and a 1-month item assigned as the server
 * starts, quiet for days.
 *
 * <p>The past is written with a pen clock set to each step's moment, and without planning: the messages
 * those moments would have sent are history nobody received. Once everything is written, the real
 * service re-plans every item from the server's now, so only what is still to come is planned, and
 * nothing fires the instant the server starts.
 */
public final class DemoItems {
  private static final String PERSON = "SELECT id, role, unit_id, rank FROM person WHERE login = $1";
  private static final String UNIT = "SELECT id FROM unit WHERE name = $1";
  /** From registration to the deputy secretary-general's approval (R05). */
  private static final Duration APPROVAL_TAKES = Duration.ofHours(1);

  private final Pool pool;
  private final ItemService items;
  private final ItemService pen;
  private final SimulatedClock penClock;
  private final Instant start;

  /**
   * @param items the server's item service, which plans reminders
   * @param clock the server's clock; the demo is laid out around its present
   */
  public DemoItems(Pool pool, ItemService items, CalendarService calendar, Deadlines.Policy deadlines, Clock clock) {
    this.pool = pool;
    this.items = items;
    this.start = clock.instant();
    this.penClock = new SimulatedClock(start);
    this.pen = new ItemService(pool, penClock, calendar, deadlines, ItemWatcher.NONE);
  }

  public Future<Void> seed() {
    return Future.all(principal("keshi1"), principal("fumishu"), unit("市发展和改革委员会"), unit("市住房和城乡建设局"),
            unit("市交通运输局"), unit("东城区人民政府"))
        .compose(all -> seed(all.resultAt(0), all.resultAt(1), all.resultAt(2), all.resultAt(3), all.resultAt(4), all.resultAt(5)))
        .compose(v -> items.rewatchActive())
        .mapEmpty();
  }

  // in the order they were registered, so their numbers follow their registration times
  private Future<Void> seed(Principal sponsor, Principal approver, long fgw, long zjj, long jtj, long county) {
    // due 20 hours before the start and not reported: overdue, its next urge an hour after the start (R15)
    return registerAndApprove(ago(Duration.ofHours(30)), sponsor, approver, new JsonObject().put("kind", "leader_instruction")
            .put("source", "leader_instruction").put("title", "市长批示：主干道积水点排查整改")
            .put("body", "限期报送积水点清单和整改措施。").put("leadUnitId", fgw).put("responsibleLeader", "王市长")
            .put("deadline", ago(Duration.ofHours(20)).toString()))
        // due 6 hours after the start: its reminder 5 hours before the deadline goes an hour in (R13)
        .compose(v -> registerAndApprove(ago(Duration.ofHours(20)), sponsor, approver, new JsonObject().put("kind", "leader_instruction")
            .put("source", "leader_instruction").put("title", "市长批示：老旧小区雨季排水隐患排查")
            .put("body", "完成排查并报送整改清单。").put("leadUnitId", zjj).put("responsibleLeader", "王市长")
            .put("deadline", start.plus(Duration.ofHours(6)).toString())))
        .compose(v -> register(ago(Duration.ofHours(2)), sponsor, new JsonObject().put("kind", "rectification")
            .put("source", "inspection_finding").put("title", "督查发现问题整改：农贸市场食品安全")
            .put("body", "督查组现场发现的问题，限期整改。").put("leadUnitId", county).put("responsibleLeader", "李副秘书长")
            .put("severity", "ordinary").put("problems", List.of("台账记录不全", "冷链设备温度未监测"))
            .put("plan", "一周内补齐台账，加装温度监测。")))
        // assigned as the server starts: their nodes run from now, quiet for days (R10)
        .compose(v -> registerAndApprove(ago(APPROVAL_TAKES), sponsor, approver, new JsonObject().put("kind", "meeting_decision")
            .put("source", "meeting_decision").put("title", "落实市政府常务会议关于优化营商环境的决定")
            .put("body", "梳理审批事项清单，压减办理时限，按节点反馈进展。").put("leadUnitId", fgw).put("cooperatingUnitIds", List.of(zjj))
            .put("responsibleLeader", "王市长").put("node", "7d")))
        .compose(v -> registerAndApprove(ago(APPROVAL_TAKES), sponsor, approver, new JsonObject().put("kind", "key_task")
            .put("source", "work_report_task").put("title", "政府工作报告任务：城乡公交一体化").put("body", "按月反馈推进情况，年底前完成。")
            .put("leadUnitId", jtj).put("responsibleLeader", "李副秘书长").put("node", "1m")))
        .mapEmpty();
  }

  private Instant ago(Duration before) {
    return start.minus(before);
  }

  private Future<Long> register(Instant at, Principal sponsor, JsonObject registration) {
    penClock.set(at);
    return pen.register(sponsor, Registration.fromJson(registration.put("confidentialityAcknowledged", true)))
        .map(item -> item.getLong("id"));
  }

  private Future<Void> registerAndApprove(Instant at, Principal sponsor, Principal approver, JsonObject registration) {
    return register(at, sponsor, registration)
        .compose(id -> {
          penClock.set(at.plus(APPROVAL_TAKES));
          return pen.command(approver, id, new Command.Approve());
        })
        .mapEmpty();
  }

  private Future<Principal> principal(String login) {
    return pool.preparedQuery(PERSON).execute(Tuple.of(login)).map(rows -> principal(rows.iterator().next()));
  }

  private static Principal principal(Row r) {
    return new Principal(r.getLong("id"), UUID.randomUUID(), Role.fromWire(r.getString("role")),
        Optional.ofNullable(r.getLong("unit_id")), Optional.ofNullable(r.getString("rank")).map(LeaderRank::fromWire));
  }

  private Future<Long> unit(String name) {
    return pool.preparedQuery(UNIT).execute(Tuple.of(name)).map(rows -> rows.iterator().next().getLong("id"));
  }
}
