package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * All per-key state: jobs, idempotency keys, credits, blocked users and scheduled outcomes. Work
 * that falls due (a job ending, an upgrade landing) is applied lazily, in due order, at the start
 * of every call, so no background thread is needed and reads see a consistent state.
 */
final class JobStore {
  private final SimulatorConfig config;
  private final SourceCatalog catalog;
  private final DedupLedger ledger = new DedupLedger();
  private final SimulatorStats stats;
  private final Random ids;
  private final Map<String, String> namespaces = new HashMap<>();
  private final Map<String, Job> jobs = new HashMap<>();
  private final Map<String, Submitted> idempotency = new HashMap<>();
  private final Map<String, Long> credits = new HashMap<>();
  private final Set<String> blocked = new HashSet<>();
  private final Map<String, Outcome> nextOutcomes = new HashMap<>();
  private final PriorityQueue<Due> due =
      new PriorityQueue<>(Comparator.comparing(Due::at).thenComparingLong(Due::seq));
  private long seq;

  private record Submitted(JsonNode payload, Job job) {}

  /** Something that takes effect at {@code at}: a job ending, or one of its upgrades landing. */
  private record Due(Instant at, long seq, Job job, Job.Upgrade upgrade) {}

  /** A submit's answer: the job, and whether it was an idempotent replay. */
  record SubmitResult(Job job, boolean replayed) {}

  JobStore(SimulatorConfig config, SourceCatalog catalog, SimulatorStats stats) {
    this.config = config;
    this.catalog = catalog;
    this.stats = stats;
    this.ids = new Random(config.seed());
    for (int i = 0; i < config.apiKeys().size(); i++) {
      String key = config.apiKeys().get(i);
      namespaces.put(key, "project-" + (i + 1));
      credits.put(key, config.initialCredits());
    }
  }

  boolean isApiKey(String key) {
    return namespaces.containsKey(key);
  }

  synchronized void advance(Instant now) {
    while (!due.isEmpty() && !due.peek().at().isAfter(now)) {
      Due d = due.poll();
      if (d.upgrade() != null) {
        d.job().finishUpgrade(d.upgrade());
        debit(d.job().apiKey, d.upgrade().cost());
      } else {
        finish(d.job());
      }
    }
  }

  private void finish(Job job) {
    if (job.outcome != Outcome.COMPLETED) {
      job.finish(RowSet.EMPTY, 0, job.endsAt);
      return;
    }
    JobRequest r = job.request;
    RowSet rows =
        ledger.deliver(
            job.apiKey, r.externalUserId(), r.tool(), r.sources(), r.maxPerSource(), catalog);
    long cost = rows.size() * r.creditsPerRow();
    job.finish(rows, cost, job.endsAt);
    debit(job.apiKey, cost);
    stats.recordRowsDelivered(job.id, rows.size());
  }

  synchronized SubmitResult submit(
      String apiKey, String idempotencyKey, JsonNode payload, JobRequest request, Instant now) {
    advance(now);
    String idemKey = idempotencyKey == null ? null : apiKey + "\u0000" + idempotencyKey;
    if (idemKey != null) {
      Submitted prior = idempotency.get(idemKey);
      if (prior != null) {
        if (!prior.payload().equals(payload)) {
          throw new ApiError(
              409,
              "IDEMPOTENCY_KEY_MISMATCH",
              "Idempotency-Key was already used with a different payload.",
              "Idempotency-Key",
              Map.of());
        }
        stats.recordReplay();
        return new SubmitResult(prior.job(), true);
      }
    }
    if (blocked.contains(apiKey + "\u0000" + request.externalUserId())) {
      throw ApiError.of(
          403, "EXTERNAL_USER_BLOCKED", "The external_user_id is blocked in your namespace.");
    }
    long balance = credits.getOrDefault(apiKey, 0L);
    if (balance < request.maxCost()) {
      throw ApiError.of(
          402,
          "INSUFFICIENT_CREDITS",
          "Not enough credits: the job may cost up to "
              + request.maxCost()
              + " credits, balance is "
              + balance
              + ".");
    }
    Outcome outcome = nextOutcomes.remove(request.externalUserId());
    Job job =
        new Job(
            newJobId(),
            apiKey,
            namespaces.get(apiKey),
            request,
            now,
            config.queuedFor(),
            config.processingFor(),
            outcome == null ? Outcome.COMPLETED : outcome);
    jobs.put(job.id, job);
    due.add(new Due(job.endsAt, seq++, job, null));
    if (idemKey != null) {
      idempotency.put(idemKey, new Submitted(payload, job));
    }
    stats.recordJobCreated(job.id, request.externalUserId());
    advance(now);
    return new SubmitResult(job, false);
  }

  /** The job if it exists under this key, brought up to date; 404 otherwise. */
  synchronized Job find(String apiKey, String jobId, Instant now) {
    advance(now);
    Job job = jobs.get(jobId);
    if (job == null || !job.apiKey.equals(apiKey)) {
      throw ApiError.jobNotFound();
    }
    return job;
  }

  synchronized void startUpgrade(Job job, Job.Upgrade upgrade, Instant now) {
    job.startUpgrade(upgrade, now);
    due.add(new Due(upgrade.doneAt(), seq++, job, upgrade));
    advance(now);
  }

  // Test hooks first bring the store up to the clock, so a job that has already ended by the
  // clock is settled before the change, exactly as if a poll had happened in between.

  synchronized void advanceToClock() {
    advance(config.clock().instant());
  }

  synchronized long credits(String apiKey) {
    advanceToClock();
    return credits.getOrDefault(apiKey, 0L);
  }

  synchronized void setCredits(String apiKey, long amount) {
    advanceToClock();
    credits.put(apiKey, amount);
  }

  synchronized void block(String apiKey, String externalUserId) {
    advanceToClock();
    blocked.add(apiKey + "\u0000" + externalUserId);
  }

  synchronized void setNextOutcome(String externalUserId, Outcome outcome) {
    advanceToClock();
    nextOutcomes.put(externalUserId, outcome);
  }

  synchronized void addAccounts(String source, int count) {
    advanceToClock();
    catalog.add(source, count);
  }

  // Charges never drive a balance below zero: overspending concurrent jobs are the account's
  // problem, not a state the simulator needs to model.
  private void debit(String apiKey, long amount) {
    credits.merge(apiKey, -amount, (a, b) -> Math.max(0, a + b));
  }

  private String newJobId() {
    long msb = (ids.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
