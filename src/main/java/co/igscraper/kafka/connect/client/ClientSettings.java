package co.igscraper.kafka.connect.client;

import co.igscraper.kafka.connect.Version;
import java.net.Proxy;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/** Immutable settings of an {@link IgScraperClient}; {@link #toString()} never shows secrets. */
public final class ClientSettings {
  /**
   * Default body cap: a 200-row page with every add-on is well under 1 MiB, so 4 MiB leaves room
   * for long biographies while one misbehaving server cannot fill a shared worker's heap.
   */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 4L * 1024 * 1024;

  /** Below this even an error body might not fit. */
  public static final long MIN_RESPONSE_BYTES = 64L * 1024;

  private final HttpUrl baseUrl;
  private final String apiKey;
  private final String userAgent;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final int maxRetries;
  private final Duration maxRetryDuration;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Proxy proxy;
  private final Path trustStorePath;
  private final String trustStorePassword;
  private final String trustStoreType;
  private final RateLimits rateLimits;
  private final double budgetShare;
  private final long maxResponseBytes;
  private final Duration maxPermitWait;
  private final SharePool.Member pooledShare;

  private ClientSettings(Builder b) {
    if (b.baseUrl == null || b.baseUrl.isBlank()) {
      throw new IllegalArgumentException("baseUrl is required");
    }
    String url = b.baseUrl.trim();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException("baseUrl is not an http(s) URL: " + url);
    }
    if (b.apiKey == null || b.apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey is required");
    }
    this.baseUrl = parsed;
    this.apiKey = b.apiKey;
    this.userAgent = Objects.requireNonNull(b.userAgent, "userAgent");
    this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
    this.readTimeout = positive(b.readTimeout, "readTimeout");
    this.callTimeout = positive(b.callTimeout, "callTimeout");
    if (b.maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0");
    }
    this.maxRetries = b.maxRetries;
    this.maxRetryDuration = positive(b.maxRetryDuration, "maxRetryDuration");
    this.initialBackoff = positive(b.initialBackoff, "initialBackoff");
    this.maxBackoff = positive(b.maxBackoff, "maxBackoff");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
    }
    this.proxy = b.proxy;
    this.trustStorePath = b.trustStorePath;
    this.trustStorePassword = b.trustStorePassword;
    this.trustStoreType = b.trustStoreType;
    this.rateLimits = Objects.requireNonNull(b.rateLimits, "rateLimits");
    if (!(b.budgetShare > 0.0 && b.budgetShare <= 1.0)) {
      throw new IllegalArgumentException("budgetShare must be in (0, 1], was " + b.budgetShare);
    }
    this.budgetShare = b.budgetShare;
    this.pooledShare = b.pooledShare;
    if (b.maxResponseBytes < MIN_RESPONSE_BYTES) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be at least "
              + MIN_RESPONSE_BYTES
              + ", was "
              + b.maxResponseBytes);
    }
    this.maxResponseBytes = b.maxResponseBytes;
    if (b.maxPermitWait != null && b.maxPermitWait.isNegative()) {
      throw new IllegalArgumentException("maxPermitWait must not be negative");
    }
    this.maxPermitWait = b.maxPermitWait;
  }

  private static Duration positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
    return d;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The API root without a trailing slash, e.g. {@code https://igscraper.co/api/v1}. */
  public String baseUrl() {
    String s = baseUrl.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  HttpUrl httpBaseUrl() {
    return baseUrl;
  }

  // Package-private: only the client reads the key, to build the Authorization header.
  String apiKey() {
    return apiKey;
  }

  public String userAgent() {
    return userAgent;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  public Duration callTimeout() {
    return callTimeout;
  }

  public int maxRetries() {
    return maxRetries;
  }

  public Duration maxRetryDuration() {
    return maxRetryDuration;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The HTTP proxy, or null for a direct connection. */
  public Proxy proxy() {
    return proxy;
  }

  /** The custom trust store, or null to trust the JVM's default CAs. */
  public Path trustStorePath() {
    return trustStorePath;
  }

  String trustStorePassword() {
    return trustStorePassword;
  }

  public String trustStoreType() {
    return trustStoreType;
  }

  /** The account's full limits, shared by every client of the account in this JVM. */
  public RateLimits rateLimits() {
    return rateLimits;
  }

  /** The fraction of the account-wide limits this client may use on its own. */
  /** The pool this client's share is in, or null for a fixed share ({@link #budgetShare}). */
  SharePool.Member pooledShare() {
    return pooledShare;
  }

  public double budgetShare() {
    return budgetShare;
  }

  /** The largest response body read; a larger one is refused as malformed, unread. */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * The longest a call sleeps for a rate-limit permit before it fails with {@code
   * CLIENT_RATE_LIMITED} (and when the permit frees), so a caller serving many specs on one thread
   * can serve another meanwhile. Null: up to the call's retry budget.
   */
  public Duration maxPermitWait() {
    return maxPermitWait;
  }

  @Override
  public String toString() {
    return "ClientSettings{baseUrl="
        + baseUrl()
        + ", apiKey=[hidden], userAgent="
        + userAgent
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", callTimeout="
        + callTimeout
        + ", maxRetries="
        + maxRetries
        + ", maxRetryDuration="
        + maxRetryDuration
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", proxy="
        + proxy
        + ", trustStore="
        + (trustStorePath == null ? "default" : trustStorePath + " (" + trustStoreType + ")")
        + ", rateLimits="
        + rateLimits
        + ", budgetShare="
        + budgetShare
        + ", maxResponseBytes="
        + maxResponseBytes
        + '}';
  }

  /** Builds {@link ClientSettings}; baseUrl and apiKey are required. */
  public static final class Builder {
    private String baseUrl;
    private String apiKey;
    private String userAgent = "kafka-connect-igscraper/" + Version.get();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private int maxRetries = 5;
    private Duration maxRetryDuration = Duration.ofMinutes(2);
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Proxy proxy;
    private Path trustStorePath;
    private String trustStorePassword;
    private String trustStoreType;
    private RateLimits rateLimits = RateLimits.publicDefaults();
    private double budgetShare = 1.0;
    private SharePool.Member pooledShare;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Duration maxPermitWait;

    private Builder() {}

    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder maxRetryDuration(Duration maxRetryDuration) {
      this.maxRetryDuration = maxRetryDuration;
      return this;
    }

    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    public Builder proxy(Proxy proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Trusts only the CAs in this key store; {@code type} null means the JVM default type. */
    public Builder trustStore(Path path, String password, String type) {
      this.trustStorePath = path;
      this.trustStorePassword = password;
      this.trustStoreType = path == null ? null : (type == null ? KeyStore.getDefaultType() : type);
      return this;
    }

    public Builder rateLimits(RateLimits rateLimits) {
      this.rateLimits = rateLimits;
      return this;
    }

    public Builder maxPermitWait(Duration maxPermitWait) {
      this.maxPermitWait = maxPermitWait;
      return this;
    }

    public Builder maxResponseBytes(long maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    public Builder budgetShare(double budgetShare) {
      this.budgetShare = budgetShare;
      return this;
    }

    /**
     * Pools this client's share with the other members of {@code pool} (the tasks of one connector)
     * that run in this JVM: together they may use {@code members in this JVM / members} of the
     * limits, whichever of them has work. Member {@code member} of {@code members}.
     */
    public Builder pooledShare(String pool, int member, int members) {
      this.pooledShare = new SharePool.Member(pool, member, members);
      this.budgetShare = 1.0 / members;
      return this;
    }

    public ClientSettings build() {
      return new ClientSettings(this);
    }
  }
}
