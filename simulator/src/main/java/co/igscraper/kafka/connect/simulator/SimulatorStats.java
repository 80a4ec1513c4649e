package co.igscraper.kafka.connect.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live, thread-safe counters of what the simulator saw and answered. Endpoints are named by
 * template, e.g. {@code "GET /jobs/{id}/results"}; status 0 means the connection was dropped.
 */
public final class SimulatorStats {
  private final Map<String, Map<Integer, LongAdder>> byEndpoint = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong jobsCreated = new AtomicLong();
  private final Map<String, LongAdder> jobsByUser = new ConcurrentHashMap<>();
  private final AtomicLong replays = new AtomicLong();
  private final AtomicLong tooManyRequests = new AtomicLong();
  private final Map<String, Long> rowsDelivered = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rowsServed = new ConcurrentHashMap<>();
  private final List<String> jobIds = new ArrayList<>();
  private final Map<String, LongAdder> pageReads = new ConcurrentHashMap<>();
  private long[] arrivals = new long[1024];
  private int arrivalCount;
  private volatile Runnable beforeJobRead = () -> {};

  /** Lets job figures settle jobs that have ended by the clock but not been polled yet. */
  void beforeJobRead(Runnable hook) {
    this.beforeJobRead = hook;
  }

  void recordRequest(String endpoint, int status, long arrivalMillis) {
    byEndpoint
        .computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, s -> new LongAdder())
        .increment();
    total.incrementAndGet();
    if (status == 429) {
      tooManyRequests.incrementAndGet();
    }
    synchronized (this) {
      if (arrivalCount == arrivals.length) {
        arrivals = Arrays.copyOf(arrivals, arrivalCount * 2);
      }
      arrivals[arrivalCount++] = arrivalMillis;
    }
  }

  void recordJobCreated(String jobId, String externalUserId) {
    jobsCreated.incrementAndGet();
    jobsByUser.computeIfAbsent(externalUserId, u -> new LongAdder()).increment();
    synchronized (jobIds) {
      jobIds.add(jobId);
    }
  }

  void recordReplay() {
    replays.incrementAndGet();
  }

  void recordRowsDelivered(String jobId, long rows) {
    rowsDelivered.put(jobId, rows);
  }

  void recordPageRead(String jobId, int page, int limit, int rows) {
    pageReads.computeIfAbsent(pageKey(jobId, page, limit), k -> new LongAdder()).increment();
    rowsServed.computeIfAbsent(jobId, k -> new LongAdder()).add(rows);
  }

  /** Requests to {@code endpoint} answered with {@code status}. */
  public long requests(String endpoint, int status) {
    Map<Integer, LongAdder> statuses = byEndpoint.get(endpoint);
    LongAdder n = statuses == null ? null : statuses.get(status);
    return n == null ? 0 : n.sum();
  }

  /** Snapshot of request counts per endpoint template and status. */
  public Map<String, Map<Integer, Long>> requestsByEndpointAndStatus() {
    Map<String, Map<Integer, Long>> snapshot = new TreeMap<>();
    byEndpoint.forEach(
        (endpoint, statuses) -> {
          Map<Integer, Long> counts = new TreeMap<>();
          statuses.forEach((status, n) -> counts.put(status, n.sum()));
          snapshot.put(endpoint, counts);
        });
    return snapshot;
  }

  public long totalRequests() {
    return total.get();
  }

  public long jobsCreated() {
    return jobsCreated.get();
  }

  public long jobsCreatedFor(String externalUserId) {
    LongAdder n = jobsByUser.get(externalUserId);
    return n == null ? 0 : n.sum();
  }

  /** Submits answered as idempotent replays (200, {@code replayed: true}). */
  public long replays() {
    return replays.get();
  }

  /** 429 answers, from the rate limiter and from injected faults. */
  public long tooManyRequestsSent() {
    return tooManyRequests.get();
  }

  /** The largest number of requests that arrived within any span of {@code window}. */
  public long busiestWindow(Duration window) {
    long[] times;
    synchronized (this) {
      times = Arrays.copyOf(arrivals, arrivalCount);
    }
    Arrays.sort(times);
    long span = window.toMillis();
    int best = 0;
    int start = 0;
    for (int end = 0; end < times.length; end++) {
      while (times[end] - times[start] >= span) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  /** Rows the job produced at completion (after dedup); 0 until then. */
  public long rowsDelivered(String jobId) {
    beforeJobRead.run();
    return rowsDelivered.getOrDefault(jobId, 0L);
  }

  /** Rows returned in {@code data} of successful results pages of the job, re-reads included. */
  public long rowsServed(String jobId) {
    LongAdder n = rowsServed.get(jobId);
    return n == null ? 0 : n.sum();
  }

  /** Ids of the jobs created so far, in creation order. */
  public List<String> jobIds() {
    synchronized (jobIds) {
      return List.copyOf(jobIds);
    }
  }

  /** Successful reads of one results page. */
  public long resultPageReads(String jobId, int page, int limit) {
    LongAdder n = pageReads.get(pageKey(jobId, page, limit));
    return n == null ? 0 : n.sum();
  }

  @Override
  public String toString() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("totalRequests", totalRequests());
    summary.put("jobsCreated", jobsCreated());
    summary.put("replays", replays());
    summary.put("tooManyRequestsSent", tooManyRequestsSent());
    summary.put("byEndpoint", requestsByEndpointAndStatus());
    return "SimulatorStats" + summary;
  }

  private static String pageKey(String jobId, int page, int limit) {
    return jobId + "|" + page + "|" + limit;
  }
}
