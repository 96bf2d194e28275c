package org.duban.item;

import org.duban.auth.LeaderRank;
import org.duban.auth.Role;

import java.util.Optional;

/**
 * Who issues a command: a person, with their role, the unit they act for and a leader's rank; or the
 * system itself ({@link #SYSTEM}), for what follows from data rather than from anyone's decision (a
 * deadline moved by a calendar import, R12). No person can become the system: a person's actor always
 * has a role, the system's never does.
 */
public record Actor(long personId, Role role, Optional<Long> unitId, Optional<LeaderRank> rank, boolean system) {
  /** The server acting on its own: no person, no role, no unit, no rank. */
  public static final Actor SYSTEM = new Actor(0, null, Optional.empty(), Optional.empty(), true);
  /** How the timeline names the system as the actor of an event. */
  static final String SYSTEM_ROLE = "system";

  public Actor {
    if (system != (role == null)) throw new IllegalArgumentException("a person has a role, the system has none");
  }

  /** A person. */
  public Actor(long personId, Role role, Optional<Long> unitId, Optional<LeaderRank> rank) {
    this(personId, role, unitId, rank, false);
  }

  boolean isSystem() {
    return system;
  }

  /** The person to record with an event, none for the system. */
  Optional<Long> person() {
    return system ? Optional.empty() : Optional.of(personId);
  }

  /** The role to record with an event. */
  String wireRole() {
    return system ? SYSTEM_ROLE : role.wire();
  }

  boolean isSponsorOf(Item item) {
    return role == Role.SPONSOR && unitId.filter(u -> u == item.sponsorUnitId()).isPresent();
  }

  boolean isLiaisonOf(long unit) {
    return role == Role.LIAISON && unitId.filter(u -> u == unit).isPresent();
  }

  boolean isSecretariatLeader() {
    return role == Role.LEADER && rank.filter(LeaderRank::isSecretariat).isPresent();
  }

  boolean isLeaderAtLeast(LeaderRank level) {
    return role == Role.LEADER && rank.filter(r -> r.atLeast(level)).isPresent();
  }
}
