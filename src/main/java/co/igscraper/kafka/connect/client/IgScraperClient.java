package co.igscraper.kafka.connect.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.failsafe.Call;
import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.ContextualSupplier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking, thread-safe client of the igscraper v1 REST API that rate-limits itself and retries
 * transient failures within the configured bounds.
 */
public final class IgScraperClient implements AutoCloseable {
  static final String SUBMIT = ErrorClassifier.SUBMIT;
  static final String GET_JOB = "GET /jobs/{id}";
  static final String RESULTS = ErrorClassifier.RESULTS;
  static final String PREFLIGHT = "GET /jobs/{id}/enrich";
  static final String START_ENRICHMENT = "POST /jobs/{id}/enrich";

  private static final Logger LOG = LoggerFactory.getLogger(IgScraperClient.class);
  private static final MediaType JSON = MediaType.get("application/json");
  // Tasks of one worker talk to the same host: sharing the pool reuses their connections.
  private static final ConnectionPool SHARED_POOL = new ConnectionPool(8, 5, TimeUnit.MINUTES);

  private final ClientSettings settings;
  private final OkHttpClient http;
  private final ResponseParser parser;
  private final ClientMetrics metrics;
  private final ClientRateLimiter limiter;
  private final SharePool pool;
  private final RateLimitGate gate;
  private final LongSupplier clock;
  private final String authorization;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private final Set<Call<?>> inFlight = ConcurrentHashMap.newKeySet();

  /** Creates a client that shares its account's rate limiters with the other clients in the JVM. */
  public IgScraperClient(ClientSettings settings) {
    this(settings, RateLimiterRegistry.SHARED, System::nanoTime);
  }

  /**
   * Like {@link #IgScraperClient(ClientSettings)}, with the rate limiters on {@code nanoClock}
   * instead of {@code System.nanoTime} (a test's manual clock; pair it with a zero permit wait).
   */
  public IgScraperClient(ClientSettings settings, LongSupplier nanoClock) {
    this(settings, RateLimiterRegistry.SHARED, nanoClock);
  }

  IgScraperClient(ClientSettings settings, RateLimiterRegistry registry, LongSupplier clock) {
    this.settings = settings;
    this.clock = clock;
    this.authorization = "Bearer " + settings.apiKey();
    ContractDrift drift = new ContractDrift(settings.apiKey());
    this.parser = new ResponseParser(settings.apiKey(), drift);
    this.metrics = new ClientMetrics(drift);
    RateLimiterRegistry.Account account =
        registry.account(settings.baseUrl(), settings.apiKey(), settings.rateLimits());
    SharePool.Member member = settings.pooledShare();
    if (member == null) {
      this.pool = null;
      this.limiter =
          new ClientRateLimiter(settings.rateLimits().scaledBy(settings.budgetShare()), account);
    } else {
      this.pool =
          registry.pool(settings.baseUrl(), settings.apiKey(), member, settings.rateLimits());
      pool.join(member.member());
      this.limiter = new ClientRateLimiter(pool, account);
    }
    // Woken early by close(): a rate-limit wait must not outlive the task that is stopping.
    this.gate = new RateLimitGate(clock, this::sleepUnlessClosed);
    this.http = buildHttpClient(settings);
  }

  private static OkHttpClient buildHttpClient(ClientSettings s) {
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .connectionPool(SHARED_POOL)
            .connectTimeout(s.connectTimeout())
            .readTimeout(s.readTimeout())
            .writeTimeout(s.readTimeout())
            .callTimeout(s.callTimeout())
            // The API never redirects; following one could only hide a wrong base URL.
            .followRedirects(false)
            .followSslRedirects(false);
    if (s.proxy() != null) {
      b.proxy(s.proxy());
    }
    if (s.trustStorePath() != null) {
      X509TrustManager trustManager = trustManager(s);
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager}, null);
        b.sslSocketFactory(context.getSocketFactory(), trustManager);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot initialise TLS: " + e.getClass().getName(), e);
      }
    }
    return b.build();
  }

  private static X509TrustManager trustManager(ClientSettings s) {
    String password = s.trustStorePassword();
    try (InputStream in = Files.newInputStream(s.trustStorePath())) {
      KeyStore store = KeyStore.getInstance(s.trustStoreType());
      store.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalArgumentException("trust store has no X.509 trust manager");
    } catch (IOException | GeneralSecurityException e) {
      // The exception text never contains the password, only what went wrong.
      throw new IllegalArgumentException(
          "cannot load trust store " + s.trustStorePath() + ": " + e.getMessage(), e);
    }
  }

  /** Submits a job ({@code POST /jobs}); a known idempotency key answers the original job. */
  public SubmittedJob submitJob(JobRequest request, String idempotencyKey) {
    if (request == null) {
      throw new IllegalArgumentException("request is required");
    }
    validateIdempotencyKey(idempotencyKey);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("external_user_id", request.externalUserId());
    body.put("tool_type", request.toolType());
    body.put("params", request.params());
    // Serialized once: every retry sends the same bytes under the same key.
    RequestBody json = RequestBody.create(toJson(body), JSON);
    HttpUrl url = url("jobs");
    return execute(
        SUBMIT,
        limiter.forSubmit(request.externalUserId()),
        () -> newRequest(url).header("Idempotency-Key", idempotencyKey).post(json).build(),
        parser::submittedJob);
  }

  /** Reads one job ({@code GET /jobs/{id}}). */
  public Job getJob(String jobId) {
    HttpUrl url = url("jobs", requireId(jobId));
    return execute(GET_JOB, limiter.forRequest(), () -> newRequest(url).get().build(), parser::job);
  }

  /**
   * Reads one page of a completed job's rows; {@code page} starts at 1 and {@code limit} is 1..200.
   */
  public ResultsPage getResults(String jobId, int page, int limit) {
    if (page < 1) {
      throw new IllegalArgumentException("page must be >= 1, was " + page);
    }
    if (limit < 1 || limit > 200) {
      throw new IllegalArgumentException("limit must be in 1..200, was " + limit);
    }
    HttpUrl url =
        url("jobs", requireId(jobId), "results")
            .newBuilder()
            .addQueryParameter("page", Integer.toString(page))
            .addQueryParameter("limit", Integer.toString(limit))
            .build();
    return execute(
        RESULTS, limiter.forRequest(), () -> newRequest(url).get().build(), parser::resultsPage);
  }

  /** Asks what enriching a completed job with {@code addons} would add and cost. */
  public EnrichmentStatus enrichmentPreflight(String jobId, Addons addons) {
    requireAddons(addons);
    HttpUrl url =
        url("jobs", requireId(jobId), "enrich")
            .newBuilder()
            .addQueryParameter("enrich_profiles", Boolean.toString(addons.enrichProfiles()))
            .addQueryParameter("enrich_country_date", Boolean.toString(addons.enrichCountryDate()))
            .build();
    return execute(
        PREFLIGHT,
        limiter.forRequest(),
        () -> newRequest(url).get().build(),
        parser::enrichmentStatus);
  }

  /** Starts (or replays) an enrichment upgrade of a completed job. */
  public EnrichmentStatus startEnrichment(String jobId, Addons addons) {
    requireAddons(addons);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("enrich_profiles", addons.enrichProfiles());
    body.put("enrich_country_date", addons.enrichCountryDate());
    RequestBody json = RequestBody.create(toJson(body), JSON);
    HttpUrl url = url("jobs", requireId(jobId), "enrich");
    return execute(
        START_ENRICHMENT,
        limiter.forRequest(),
        () -> newRequest(url).post(json).build(),
        parser::enrichmentStatus);
  }

  public ClientMetrics metrics() {
    return metrics;
  }

  /** Aborts in-flight calls and waits, and releases this client's HTTP resources; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closedLatch.countDown();
    if (pool != null) {
      pool.leave(settings.pooledShare().member());
    }
    for (Call<?> call : inFlight) {
      call.cancel(true);
    }
    http.dispatcher().cancelAll();
    // The pool is shared with other clients: only idle connections are dropped.
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "IgScraperClient{" + settings.baseUrl() + (closed.get() ? ", closed}" : "}");
  }

  @FunctionalInterface
  private interface BodyMapper<T> {
    T map(String endpoint, int status, String body);
  }

  @FunctionalInterface
  private interface RequestFactory {
    Request create();
  }

  private <T> T execute(
      String endpoint,
      List<SlidingWindowLimiter> limiters,
      RequestFactory request,
      BodyMapper<T> mapper) {
    long start = clock.getAsLong();
    RetryPolicy<T> policy =
        RetryPolicy.<T>builder()
            .handleIf((T result, Throwable e) -> isRetriable(e))
            .abortIf((T result, Throwable e) -> retryAfterExceedsBudget(e, start))
            .withMaxRetries(settings.maxRetries())
            .withMaxDuration(settings.maxRetryDuration())
            .withDelayFn(ctx -> delay(ctx.getLastException(), ctx.getAttemptCount()))
            .onRetryScheduled(
                e -> {
                  metrics.recordRetry();
                  logRetry(endpoint, e.getLastException(), e.getAttemptCount(), e.getDelay());
                })
            .build();
    ContextualSupplier<T, T> attempt =
        ctx -> attempt(endpoint, limiters, request, mapper, ctx, start);
    Call<T> call = Failsafe.with(policy).newCall(attempt);
    inFlight.add(call);
    try {
      if (closed.get()) {
        throw IgScraperException.aborted(endpoint, IgScraperException.CLIENT_CLOSED, null);
      }
      return call.execute();
    } catch (FailsafeException e) {
      // Failsafe wraps the InterruptedException of its back-off sleep.
      throw abortedOrRethrow(endpoint, e.getCause() == null ? e : e.getCause());
    } catch (IgScraperException e) {
      throw closed.get() && !e.isAborted()
          ? IgScraperException.aborted(endpoint, IgScraperException.CLIENT_CLOSED, e)
          : e;
    } finally {
      inFlight.remove(call);
    }
  }

  private RuntimeException abortedOrRethrow(String endpoint, Throwable cause) {
    if (closed.get()) {
      return IgScraperException.aborted(endpoint, IgScraperException.CLIENT_CLOSED, cause);
    }
    if (cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return IgScraperException.aborted(endpoint, IgScraperException.INTERRUPTED, cause);
    }
    return cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
  }

  private <T> T attempt(
      String endpoint,
      List<SlidingWindowLimiter> limiters,
      RequestFactory requestFactory,
      BodyMapper<T> mapper,
      ExecutionContext<T> ctx,
      long start) {
    if (closed.get()) {
      throw IgScraperException.aborted(endpoint, IgScraperException.CLIENT_CLOSED, null);
    }
    acquirePermit(endpoint, limiters, start);
    okhttp3.Call call = http.newCall(requestFactory.create());
    ctx.onCancel(call::cancel);
    if (closed.get()) {
      call.cancel(); // close() ran between the check above and the registration
    }
    metrics.recordRequest();
    long sent = System.nanoTime();
    try (Response response = call.execute()) {
      int status = response.code();
      metrics.recordResponse(status, System.nanoTime() - sent);
      String body = readBody(endpoint, call, response);
      if (status >= 200 && status < 300) {
        return mapper.map(endpoint, status, body);
      }
      throw httpError(endpoint, response, body);
    } catch (IOException e) {
      if (closed.get()) {
        throw IgScraperException.aborted(endpoint, IgScraperException.CLIENT_CLOSED, e);
      }
      metrics.recordIoError(System.nanoTime() - sent);
      String detail =
          BodySnippet.redact(
              e.getClass().getSimpleName() + ": " + e.getMessage(), settings.apiKey());
      throw new IgScraperException(
          endpoint, ErrorClassifier.classify(e), 0, null, detail, null, null, e);
    }
  }

  /**
   * Reads at most {@link ClientSettings#maxResponseBytes()} of the (decompressed) body; a larger
   * body is refused before it is read whole, so one misbehaving server cannot exhaust the heap.
   */
  private String readBody(String endpoint, okhttp3.Call call, Response response)
      throws IOException {
    long cap = settings.maxResponseBytes();
    ResponseBody body = response.body();
    long declared = body.contentLength();
    BufferedSource source = body.source();
    // A declared length within the cap is enforced by OkHttp's framing; an unknown one is probed.
    if (declared > cap || declared < 0 && source.request(cap + 1)) {
      // Cancelled, closing the response drops the connection instead of draining the rest.
      call.cancel();
      throw new MalformedResponseException(
          endpoint,
          response.code(),
          null,
          "body larger than igscraper.http.response.max.bytes ("
              + cap
              + " bytes"
              + (declared > cap ? "; Content-Length " + declared : "")
              + "), not read",
          "(not read)",
          RetryAfterParser.parse(response.header("Retry-After"), Instant.now()).orElse(null));
    }
    MediaType type = body.contentType();
    return new String(
        source.readByteArray(),
        type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8));
  }

  /** How long until the client-side limiter grants the next request; zero when it would now. */
  public Duration untilNextPermit() {
    return Duration.ofNanos(gate.untilFree(limiter.forRequest()));
  }

  private void acquirePermit(String endpoint, List<SlidingWindowLimiter> limiters, long start) {
    long budget = settings.maxRetryDuration().toNanos() - (clock.getAsLong() - start);
    if (settings.maxPermitWait() != null) {
      budget = Math.min(budget, settings.maxPermitWait().toNanos());
    }
    try {
      metrics.recordRateLimitWait(gate.acquire(limiters, Math.max(0, budget)));
    } catch (RateLimitGate.WaitTooLongException e) {
      Duration wait = Duration.ofNanos(e.waitNanos);
      throw new IgScraperException(
          endpoint,
          ErrorKind.TRANSIENT,
          0,
          IgScraperException.CLIENT_RATE_LIMITED,
          "client-side rate limit: next permit in " + wait.toMillis() + " ms",
          null,
          wait,
          null);
    } catch (InterruptedException e) {
      if (closed.get()) {
        throw IgScraperException.aborted(endpoint, IgScraperException.CLIENT_CLOSED, e);
      }
      Thread.currentThread().interrupt();
      throw IgScraperException.aborted(endpoint, IgScraperException.INTERRUPTED, e);
    }
  }

  private void sleepUnlessClosed(long nanos) throws InterruptedException {
    if (closedLatch.await(nanos, TimeUnit.NANOSECONDS)) {
      throw new InterruptedException("client closed");
    }
  }

  private IgScraperException httpError(String endpoint, Response response, String body) {
    int status = response.code();
    Duration retryAfter =
        RetryAfterParser.parse(response.header("Retry-After"), Instant.now()).orElse(null);
    ResponseParser.ErrorBody error = parser.errorBody(body);
    if (error == null) {
      return new MalformedResponseException(
          endpoint, status, null, "unrecognised error body", parser.snippet(body), retryAfter);
    }
    String message = error.message() != null ? error.message() : parser.snippet(body);
    return new IgScraperException(
        endpoint,
        ErrorClassifier.classify(endpoint, status, error.code()),
        status,
        error.code(),
        message,
        error.field(),
        retryAfter,
        null);
  }

  private static boolean isRetriable(Throwable e) {
    return e instanceof IgScraperException ie
        && ie.kind() == ErrorKind.TRANSIENT
        && !ie.isAborted()
        && !IgScraperException.CLIENT_RATE_LIMITED.equals(ie.code());
  }

  /** Retry-After is a floor: when it lies beyond the retry budget, fail now instead of early. */
  private boolean retryAfterExceedsBudget(Throwable e, long start) {
    if (!(e instanceof IgScraperException ie) || ie.retryAfter().isEmpty()) {
      return false;
    }
    long elapsed = clock.getAsLong() - start;
    return elapsed + ie.retryAfter().get().toNanos() > settings.maxRetryDuration().toNanos();
  }

  private Duration delay(Throwable last, int attempts) {
    long initial = settings.initialBackoff().toNanos();
    if (last instanceof IgScraperException ie && ie.retryAfter().isPresent()) {
      // A little jitter on top, so tasks told the same Retry-After do not return in lockstep.
      return ie.retryAfter().get().plusNanos(ThreadLocalRandom.current().nextLong(initial + 1));
    }
    long cap =
        Math.min(
            settings.maxBackoff().toNanos(),
            initial << Math.min(Math.max(attempts, 1), 20)); // doubles per attempt
    // Full jitter between the initial back-off and the exponential cap.
    return Duration.ofNanos(
        ThreadLocalRandom.current().nextLong(initial, Math.max(initial, cap) + 1));
  }

  private static void logRetry(String endpoint, Throwable e, int attempt, Duration wait) {
    if (!LOG.isWarnEnabled()) {
      return;
    }
    String reason;
    if (e instanceof IgScraperException ie) {
      reason =
          ie.httpStatus() == 0
              ? ie.serverMessage()
              : "HTTP "
                  + ie.httpStatus()
                  + (ie.code() == null ? "" : " " + ie.code())
                  + (ie instanceof MalformedResponseException ? " malformed response" : "");
    } else {
      reason = String.valueOf(e);
    }
    LOG.warn(
        "{} attempt {} failed ({}); retrying in {} ms", endpoint, attempt, reason, wait.toMillis());
  }

  private Request.Builder newRequest(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", authorization)
        .header("User-Agent", settings.userAgent())
        .header("Accept", "application/json");
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = settings.httpBaseUrl().newBuilder();
    for (String segment : segments) {
      b.addPathSegment(segment);
    }
    return b.build();
  }

  private static String requireId(String jobId) {
    if (jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("jobId is required");
    }
    return jobId;
  }

  private static void requireAddons(Addons addons) {
    if (addons == null) {
      throw new IllegalArgumentException("addons is required");
    }
  }

  static void validateIdempotencyKey(String key) {
    if (key == null || key.isEmpty() || key.length() > 255) {
      throw new IllegalArgumentException("Idempotency-Key must be 1..255 characters");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "Idempotency-Key must be printable ASCII without spaces (position " + i + ")");
      }
    }
  }

  private static byte[] toJson(Object body) {
    try {
      return ResponseParser.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request cannot be written as JSON: " + e.getMessage(), e);
    }
  }
}
