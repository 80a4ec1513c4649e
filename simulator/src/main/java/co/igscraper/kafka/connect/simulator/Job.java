package co.igscraper.kafka.connect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One submitted job. Its schedule is fixed at submit time and its status is read off the clock; the
 * mutable part (outcome, rows, charges, add-ons) is guarded by the {@link JobStore} lock.
 */
final class Job {
  final String id;
  final String apiKey;
  final String namespace;
  final JobRequest request;
  final Instant createdAt;
  final Instant processingAt;
  final Instant processingEndsAt;
  final Instant endsAt;
  final Outcome outcome;

  private Outcome finished;
  private RowSet rows = RowSet.EMPTY;
  private long costCharged;
  private Instant updatedAt;
  private final EnumSet<Addon> applied = EnumSet.noneOf(Addon.class);
  private final List<Upgrade> upgrades = new ArrayList<>();

  Job(
      String id,
      String apiKey,
      String namespace,
      JobRequest request,
      Instant createdAt,
      Duration queuedFor,
      Duration processingFor,
      Outcome outcome) {
    this.id = id;
    this.apiKey = apiKey;
    this.namespace = namespace;
    this.request = request;
    this.createdAt = createdAt;
    this.processingAt = createdAt.plus(queuedFor);
    this.processingEndsAt = processingAt.plus(processingFor);
    // A job that fails or is cancelled stops half way through processing.
    this.endsAt =
        outcome == Outcome.COMPLETED
            ? processingEndsAt
            : processingAt.plus(processingFor.dividedBy(2));
    this.outcome = outcome;
    this.updatedAt = createdAt;
  }

  /** One add-on upgrade of a completed job, in flight until {@code doneAt}. */
  record Upgrade(Set<Addon> addons, Instant processingAt, Instant doneAt, long cost) {
    String status(Instant now) {
      return now.isBefore(processingAt) ? "QUEUED" : "PROCESSING";
    }
  }

  void finish(RowSet rows, long costCharged, Instant at) {
    this.finished = outcome;
    this.rows = rows;
    this.costCharged = costCharged;
    this.updatedAt = at;
    if (outcome == Outcome.COMPLETED) {
      applied.addAll(request.addons());
    }
  }

  void startUpgrade(Upgrade upgrade, Instant at) {
    upgrades.add(upgrade);
    updatedAt = at;
  }

  void finishUpgrade(Upgrade upgrade) {
    upgrades.remove(upgrade);
    applied.addAll(upgrade.addons());
    costCharged += upgrade.cost();
    updatedAt = upgrade.doneAt();
  }

  boolean isCompleted() {
    return finished == Outcome.COMPLETED;
  }

  String status(Instant now) {
    if (finished != null) {
      return finished.name();
    }
    return now.isBefore(processingAt) ? "QUEUED" : "PROCESSING";
  }

  int progressPercent(Instant now) {
    if (finished == Outcome.COMPLETED) {
      return 100;
    }
    Instant at = finished != null ? endsAt : now;
    if (at.isBefore(processingAt)) {
      return 0;
    }
    long total = Duration.between(processingAt, processingEndsAt).toNanos();
    if (total <= 0) {
      return 99;
    }
    long done = Duration.between(processingAt, at).toNanos();
    return (int) Math.min(99, done * 100 / total);
  }

  Instant updatedAt(Instant now) {
    if (finished == null && !now.isBefore(processingAt)) {
      // The instant the current progress value was reached.
      long total = Duration.between(processingAt, processingEndsAt).toNanos();
      return processingAt.plusNanos(total * progressPercent(now) / 100);
    }
    return updatedAt;
  }

  Instant completedAt() {
    return finished == null ? null : endsAt;
  }

  RowSet rows() {
    return rows;
  }

  long costCharged() {
    return costCharged;
  }

  Set<Addon> applied() {
    return EnumSet.copyOf(applied);
  }

  List<Upgrade> upgrades() {
    return List.copyOf(upgrades);
  }

  Set<Addon> pendingAddons() {
    Set<Addon> pending = EnumSet.noneOf(Addon.class);
    for (Upgrade u : upgrades) {
      pending.addAll(u.addons());
    }
    return pending;
  }
}
