package org.duban.org;

import io.vertx.openapi.validation.RequestParameter;
import org.duban.auth.SessionGuard;
import org.duban.auth.Role;
import org.duban.http.Api;
import org.duban.http.Lists;
import org.duban.http.Reply;
import org.duban.http.Requests;

/** The contract's unit and people operations. */
public final class OrgHandlers {
  private OrgHandlers() {
  }

  public static void mount(Api api, OrgService org) {
    api.on("listUnits", rc -> org.units(SessionGuard.principal(rc)).map(units -> Reply.ok(Lists.of(units, Unit::toJson))));
    api.on("getUnit", rc -> org.unit(SessionGuard.principal(rc), Requests.pathLong(rc, "unitId")).map(u -> Reply.ok(u.toJson())));
    api.on("createUnit", rc -> org.createUnit(Requests.body(rc)).map(u -> Reply.created(u.toJson(), "/units/" + u.id())));
    api.on("updateUnit", rc -> org.patchUnit(Requests.pathLong(rc, "unitId"), Requests.body(rc)).map(u -> Reply.ok(u.toJson())));

    api.on("listPeople", rc -> org.people(
            Requests.query(rc, "unitId").map(RequestParameter::getLong),
            Requests.query(rc, "role").map(p -> Role.fromWire(p.getString())))
        .map(people -> Reply.ok(Lists.of(people, Person::toJson))));
    api.on("getPerson", rc -> org.person(SessionGuard.principal(rc), Requests.pathLong(rc, "personId")).map(p -> Reply.ok(p.toJson())));
    api.on("getMe", rc -> org.person(SessionGuard.principal(rc), SessionGuard.principal(rc).personId()).map(p -> Reply.ok(p.toJson())));
    api.on("createPerson", rc -> org.createPerson(Requests.body(rc)).map(p -> Reply.created(p.toJson(), "/people/" + p.id())));
    api.on("updatePerson", rc -> org.patchPerson(Requests.pathLong(rc, "personId"), Requests.body(rc)).map(p -> Reply.ok(p.toJson())));
  }
}
