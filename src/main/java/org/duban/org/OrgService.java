package org.duban.org;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import org.duban.auth.Passwords;
import org.duban.auth.Principal;
import org.duban.auth.Role;
import org.duban.fault.Refusal;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Units and people: what administrators maintain and everyone else reads. A liaison sees only their
 * own unit, and asking for another one answers "not found" so that its existence does not leak.
 */
public final class OrgService {
  private final UnitRepository units;
  private final PersonRepository people;
  private final Passwords passwords;
  private final Clock clock;

  public OrgService(UnitRepository units, PersonRepository people, Passwords passwords, Clock clock) {
    this.units = units;
    this.people = people;
    this.passwords = passwords;
    this.clock = clock;
  }

  public Future<List<Unit>> units(Principal who) {
    return units.list().map(all -> all.stream().filter(u -> who.canSeeUnit(u.id())).toList());
  }

  public Future<Unit> unit(Principal who, long id) {
    if (!who.canSeeUnit(id)) return Future.failedFuture(Refusal.notFound("unit " + id));
    return units.find(id).map(found -> found.orElseThrow(() -> Refusal.notFound("unit " + id)));
  }

  public Future<Unit> createUnit(JsonObject body) {
    return units.insert(Unit.fromRequest(body), clock.instant());
  }

  public Future<Unit> patchUnit(long id, JsonObject patch) {
    boolean moves = patch.getLong("parentId") != null;
    return units.pool().withTransaction(tx -> (moves ? units.lockTree(tx) : Future.<Void>succeededFuture())
        .compose(v -> units.lock(tx, id))
        .map(found -> found.orElseThrow(() -> Refusal.notFound("unit " + id)))
        .compose(current -> refuseLoop(tx, current, patch).compose(v -> keepUsedCode(tx, current, patch)).map(v -> current.patchedWith(patch)))
        .compose(next -> units.update(tx, next, clock.instant())));
  }

  private Future<Void> refuseLoop(SqlClient tx, Unit unit, JsonObject patch) {
    Long parent = patch.getLong("parentId");
    if (parent == null) return Future.succeededFuture();
    return units.isSelfOrDescendant(tx, unit.id(), parent).compose(loops -> loops
        ? Future.failedFuture(Refusal.unprocessable("/parentId", "a unit cannot sit under itself or one of its own sub-units"))
        : Future.succeededFuture());
  }

  // R04: numbers already given out keep their prefix, and no other office may take it
  private Future<Void> keepUsedCode(SqlClient tx, Unit unit, JsonObject patch) {
    boolean changes = patch.containsKey("code") && !Objects.equals(patch.getString("code"), unit.code().orElse(null));
    if (!changes) return Future.succeededFuture();
    return units.hasNumberedItems(tx, unit.id()).compose(used -> used
        ? Future.failedFuture(Refusal.conflict("this office's code already stands in item numbers and cannot change (R04)"))
        : Future.succeededFuture());
  }

  public Future<List<Person>> people(Optional<Long> unitId, Optional<Role> role) {
    return people.list(unitId, role);
  }

  /** Administrators read anyone; everyone else only themselves. */
  public Future<Person> person(Principal who, long id) {
    if (!who.is(Role.ADMIN) && who.personId() != id) return Future.failedFuture(Refusal.notFound("person " + id));
    return people.find(id).map(found -> found.orElseThrow(() -> Refusal.notFound("person " + id)));
  }

  public Future<Person> createPerson(JsonObject body) {
    Person person = Person.fromRequest(body);
    return passwords.hash(body.getString("password")).compose(hash -> people.insert(person, hash, clock.instant()));
  }

  /** A new password or a deactivation ends the person's open sessions in the same transaction. */
  public Future<Person> patchPerson(long id, JsonObject patch) {
    Future<String> newHash = patch.containsKey("password") ? passwords.hash(patch.getString("password")) : Future.succeededFuture(null);
    boolean endsSessions = patch.containsKey("password") || Boolean.FALSE.equals(patch.getBoolean("active"));
    return newHash.compose(hash -> units.pool().withTransaction(tx -> people.lock(tx, id)
        .map(found -> found.orElseThrow(() -> Refusal.notFound("person " + id)))
        .compose(current -> people.update(tx, current.patchedWith(patch), hash, clock.instant()))
        .compose(updated -> endsSessions
            ? people.endSessions(tx, id, clock.instant(), "changed by an administrator").map(updated)
            : Future.succeededFuture(updated))));
  }
}
