package org.duban.item;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A unit's extension request (延期申请) with its plan and milestones, and what became of it (R32). */
public record Extension(Instant requestedAt, Instant newDeadline, String plan, List<Milestone> milestones, State state) {
  public enum State { REQUESTED, GRANTED, REFUSED }

  public record Milestone(LocalDate date, String description) {
  }

  Extension withState(State next) {
    return new Extension(requestedAt, newDeadline, plan, milestones, next);
  }
}
