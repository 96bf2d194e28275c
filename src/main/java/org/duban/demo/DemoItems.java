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
import org.duban.item.Registration;
import org.duban.item.ItemService;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A few demo items, registered and approved through the same service as real ones, so their numbers,
 * deadlines and timelines are genuine: three active items on each board and a rectification draft.
 */
public final class DemoItems {
  private static final String PERSON = "SELECT id, role, unit_id, rank FROM person WHERE login = $1";
  private static final String UNIT = "SELECT id FROM unit WHERE name = $1";

  private final Pool pool;
  private final ItemService items;

  public DemoItems(Pool pool, ItemService items) {
    this.pool = pool;
    this.items = items;
  }

  public Future<Void> seed() {
    return Future.all(principal("keshi1"), principal("fumishu"), unit("市发展和改革委员会"), unit("市住房和城乡建设局"),
            unit("市交通运输局"), unit("东城区人民政府"))
        .compose(all -> seed(all.resultAt(0), all.resultAt(1), all.resultAt(2), all.resultAt(3), all.resultAt(4), all.resultAt(5)));
  }

  private Future<Void> seed(Principal sponsor, Principal approver, long fgw, long zjj, long jtj, long county) {
    return registerAndApprove(sponsor, approver, new JsonObject().put("kind", "meeting_decision").put("source", "meeting_decision")
            .put("title", "落实市政府常务会议关于优化营商环境的决定").put("body", "梳理审批事项清单，压减办理时限，按节点反馈进展。")
            .put("leadUnitId", fgw).put("cooperatingUnitIds", List.of(zjj)).put("responsibleLeader", "王市长").put("node", "7d"))
        .compose(v -> registerAndApprove(sponsor, approver, new JsonObject().put("kind", "leader_instruction")
            .put("source", "leader_instruction").put("title", "市长批示：老旧小区雨季排水隐患排查")
            .put("body", "三日内完成排查并报送整改清单。").put("leadUnitId", zjj).put("responsibleLeader", "王市长").put("node", "3d")))
        .compose(v -> registerAndApprove(sponsor, approver, new JsonObject().put("kind", "key_task").put("source", "work_report_task")
            .put("title", "政府工作报告任务：城乡公交一体化").put("body", "按月反馈推进情况，年底前完成。")
            .put("leadUnitId", jtj).put("responsibleLeader", "李副秘书长").put("node", "1m")))
        .compose(v -> items.register(sponsor, Registration.fromJson(new JsonObject().put("kind", "rectification")
            .put("source", "inspection_finding").put("title", "督查发现问题整改：农贸市场食品安全")
            .put("body", "督查组现场发现的问题，限期整改。").put("leadUnitId", county).put("responsibleLeader", "李副秘书长")
            .put("severity", "ordinary").put("problems", List.of("台账记录不全", "冷链设备温度未监测"))
            .put("plan", "一周内补齐台账，加装温度监测。").put("confidentialityAcknowledged", true))))
        .mapEmpty();
  }

  private Future<Void> registerAndApprove(Principal sponsor, Principal approver, JsonObject registration) {
    return items.register(sponsor, Registration.fromJson(registration.put("confidentialityAcknowledged", true)))
        .compose(item -> items.command(approver, item.getLong("id"), new Command.Approve()))
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
