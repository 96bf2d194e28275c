package org.duban.remind;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.fault.DocumentFormatException;
import org.duban.db.Rows;
import org.duban.fault.Refusal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reminder policy versions kept in the database. Exactly one is in force; it plans every message,
 * and each planned message records the version that planned it. A stored version never changes: a new
 * policy is a new version, stored first and put in force after, which re-plans every active item.
 *
 * <p>Every re-plan reads which version is in force inside its own transaction, so a version put in
 * force on one node is the one every node plans with from that moment: there is no cache to go stale,
 * only the documents, which cannot change, are kept in memory.
 */
public final class Policies {
  // every shipped version is stored; a new database puts the latest in force, an older one keeps its own
  private static final String STORE_SHIPPED = """
      INSERT INTO reminder_policy (version, document, in_force, created_at) VALUES ($1, $2, false, $3)
      ON CONFLICT (version) DO NOTHING""";
  private static final String FIRST_IN_FORCE = """
      UPDATE reminder_policy SET in_force = true WHERE version = $1 AND NOT EXISTS (SELECT 1 FROM reminder_policy WHERE in_force)""";
  // shared with every other re-plan, exclusive of putting another version in force: a re-plan under the old
  // version commits before the switch, and one after it reads the new version
  private static final String IN_FORCE = "SELECT version FROM reminder_policy WHERE in_force FOR SHARE";
  // two administrators switching at once take turns, rather than one failing on the one-in-force index
  private static final String ONE_SWITCH_AT_A_TIME = "LOCK TABLE reminder_policy IN SHARE ROW EXCLUSIVE MODE";
  private static final String DOCUMENT = "SELECT document FROM reminder_policy WHERE version = $1";
  private static final String LIST = "SELECT version, in_force, created_at FROM reminder_policy ORDER BY version";
  private static final String ADD = """
      INSERT INTO reminder_policy (version, document, in_force, created_at) VALUES ($1, $2, false, $3)
      ON CONFLICT (version) DO NOTHING RETURNING version""";
  private static final String OUT_OF_FORCE = "UPDATE reminder_policy SET in_force = false WHERE in_force AND version <> $1";
  private static final String INTO_FORCE = "UPDATE reminder_policy SET in_force = true WHERE version = $1 RETURNING version";

  private final Pool pool;
  private final Map<Integer, ReminderPolicy> documents = new ConcurrentHashMap<>();

  public Policies(Pool pool) {
    this.pool = pool;
  }

  /** Stores the versions shipped with the server that the database lacks; on a new database the latest is put in force. */
  public Future<Void> storeShipped(Instant now) {
    List<ReminderPolicy> shipped = ReminderPolicy.shippedVersions();
    List<Tuple> rows = shipped.stream().map(p -> Tuple.of(p.version(), p.toJson(), Rows.utc(now))).toList();
    return pool.withTransaction(tx -> tx.preparedQuery(STORE_SHIPPED).executeBatch(rows)
        .compose(v -> tx.preparedQuery(FIRST_IN_FORCE).execute(Tuple.of(ReminderPolicy.shipped().version())))
        .mapEmpty());
  }

  /** The version in force, as the given transaction (or the pool) sees it. */
  public Future<ReminderPolicy> inForce(SqlClient client) {
    return client.query(IN_FORCE).execute().compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(new IllegalStateException("no reminder policy is in force"));
      return version(client, rows.iterator().next().getInteger("version"));
    });
  }

  public Future<ReminderPolicy> inForce() {
    return inForce(pool);
  }

  /** A stored version; 404 when there is none. */
  public Future<ReminderPolicy> version(SqlClient client, int version) {
    ReminderPolicy known = documents.get(version);
    if (known != null) return Future.succeededFuture(known);
    return client.preparedQuery(DOCUMENT).execute(Tuple.of(version)).map(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("reminder policy version " + version);
      ReminderPolicy policy = ReminderPolicy.fromJson((JsonObject) rows.iterator().next().getJson("document"));
      documents.put(version, policy);
      return policy;
    });
  }

  public Future<ReminderPolicy> version(int version) {
    return version(pool, version);
  }

  /** Every stored version, oldest first, saying which is in force. */
  public Future<JsonArray> list() {
    return pool.query(LIST).execute().map(rows -> new JsonArray(Rows.all(rows, r -> new JsonObject()
        .put("version", r.getInteger("version")).put("inForce", r.getBoolean("in_force"))
        .put("createdAt", Rows.instant(r, "created_at").toString()))));
  }

  /**
   * Stores a new version, not yet in force: 400 naming each field that breaks a rule between fields (the
   * router has checked the document's shape, its version's range included, against the contract), 409 when
   * the version number is taken.
   */
  public Future<ReminderPolicy> add(JsonObject document, Instant now) {
    ReminderPolicy policy;
    try {
      policy = ReminderPolicy.fromJson(document);
    } catch (DocumentFormatException e) {
      return Future.failedFuture(Refusal.invalid(e.errors()));
    }
    return pool.preparedQuery(ADD).execute(Tuple.of(policy.version(), policy.toJson(), Rows.utc(now))).map(rows -> {
      if (rows.size() == 0) {
        throw Refusal.conflict("version " + policy.version() + " is already stored, and a stored version never changes");
      }
      return policy;
    });
  }

  /** Puts a stored version in force, in one transaction: no moment has two, or none. */
  public Future<ReminderPolicy> putInForce(int version) {
    // the old one out first: the database allows one version in force at any moment
    return pool.withTransaction(tx -> tx.query(ONE_SWITCH_AT_A_TIME).execute()
        .compose(v -> tx.preparedQuery(OUT_OF_FORCE).execute(Tuple.of(version)))
        .compose(v -> tx.preparedQuery(INTO_FORCE).execute(Tuple.of(version)))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Refusal.notFound("reminder policy version " + version))
            : version(tx, version)));
  }
}
