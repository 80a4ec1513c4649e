package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.NODES;
import static co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.rawNumber;
import static co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.wrapsNothing;
import static co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.write;

import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.BreakKind;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Broken;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.BrokenBody;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Deviated;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Endpoint;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Form;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Mutated;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Mutation;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Op;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.PagedCase;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Payload;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.ProgressBreak;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.StatusSpelling;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Valid;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of documented igscraper responses, of values a server might send instead, and of
 * the ways a response can become unusable.
 */
@SuppressWarnings("unchecked")
final class ResponseParserPropertiesArbitraries {
  static final int MAX_COLUMNS = 8;

  private static final DateTimeFormatter DOCUMENTED_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final long FROM_2020 = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
  private static final long TO_2030 = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
  private static final List<JobStatus> DOCUMENTED_STATUSES =
      List.of(
          JobStatus.QUEUED,
          JobStatus.PROCESSING,
          JobStatus.COMPLETED,
          JobStatus.FAILED,
          JobStatus.CANCELLED);
  private static final List<String> ADDONS = List.of("enrich_profiles", "enrich_country_date");

  private ResponseParserPropertiesArbitraries() {}

  // ---- documented responses

  static Arbitrary<Valid> validResponses() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, submits()),
        Tuple.of(3, jobs()),
        Tuple.of(4, resultsPages(0, 50)),
        Tuple.of(3, enrichments()));
  }

  /** Responses of the endpoints that have progress fields. */
  static Arbitrary<Valid> strictResponses() {
    return Arbitraries.oneOf(submits(), jobs(), resultsPages(0, 50));
  }

  static Arbitrary<Valid> submits() {
    return Combinators.combine(ids(), statuses(), Arbitraries.of(false, true))
        .as(
            (id, replayStatus, replay) -> {
              JobStatus status = replay ? replayStatus : JobStatus.QUEUED;
              ObjectNode body = NODES.objectNode();
              body.put("job_id", id);
              body.put("status", status.name());
              body.put("replayed", replay);
              return new Valid(
                  Endpoint.SUBMIT, replay ? 200 : 201, body, new SubmittedJob(id, status, replay));
            });
  }

  static Arbitrary<Valid> jobs() {
    Arbitrary<JobError> errors =
        Combinators.combine(
                Arbitraries.of("SCRAPE_FAILED", "PRIVATE_ACCOUNT", "TIMEOUT", ""), text(0, 80))
            .as(JobError::new)
            .injectNull(0.3);
    var first =
        Combinators.combine(
                ids(),
                statuses(),
                externalUserIds(),
                namespaces(),
                Arbitraries.longs().between(FROM_2020, TO_2030).map(Instant::ofEpochMilli),
                Arbitraries.longs().between(0, 3_600_000).map(Duration::ofMillis),
                Arbitraries.integers().between(0, 100),
                Arbitraries.longs().between(0, 10_000_000))
            .as(Tuple::of);
    var second = Combinators.combine(amounts(), toolTypes(), errors).as(Tuple::of);
    return Combinators.combine(first, second)
        .as(
            (a, b) -> {
              JobStatus status = a.get2();
              Instant created = a.get5();
              Instant updated = created.plus(a.get6());
              Instant completed = status.isTerminal() ? updated : null;
              boolean failed = status == JobStatus.FAILED || status == JobStatus.CANCELLED;
              JobError error = failed ? b.get3() : null;
              ObjectNode body = NODES.objectNode();
              body.put("job_id", a.get1());
              body.put("external_user_id", a.get3());
              body.put("namespace", a.get4());
              body.put("status", status.name());
              body.put("created_at", DOCUMENTED_TIME.format(created));
              body.put("updated_at", DOCUMENTED_TIME.format(updated));
              if (completed == null) {
                body.putNull("completed_at");
              } else {
                body.put("completed_at", DOCUMENTED_TIME.format(completed));
              }
              body.put("progress_percent", a.get7());
              body.put("number_of_results", a.get8());
              body.set("cost_charged", b.get1().wire());
              body.put("tool_type", b.get2());
              if (error != null) {
                body.putObject("error").put("code", error.code()).put("message", error.message());
              }
              Job expected =
                  new Job(
                      a.get1(),
                      a.get3(),
                      a.get4(),
                      status,
                      created,
                      updated,
                      completed,
                      a.get7(),
                      a.get8(),
                      b.get1().value(),
                      b.get2(),
                      error);
              return new Valid(Endpoint.GET_JOB, 200, body, expected);
            });
  }

  /** A results page of {@code minRows..maxRows} rows, with every documented member. */
  static Arbitrary<Valid> resultsPages(int minRows, int maxRows) {
    Arbitrary<List<String>> columns =
        Arbitraries.oneOf(
                Arbitraries.of("source", "type", "user_id", "username", "full_name", "verified"),
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withChars('_', ' ', 'é')
                    .ofMinLength(1)
                    .ofMaxLength(16))
            .list()
            .uniqueElements()
            .ofMinSize(1)
            .ofMaxSize(MAX_COLUMNS);
    Arbitrary<List<List<Cell>>> rows =
        cells().list().ofSize(MAX_COLUMNS).list().ofMinSize(minRows).ofMaxSize(maxRows);
    var paging =
        Combinators.combine(
                Arbitraries.integers().between(1, 10_000),
                Arbitraries.integers().between(1, 200),
                Arbitraries.longs().between(0, 10_000_000),
                Arbitraries.integers().between(0, 100_000),
                Arbitraries.of(false, true),
                Arbitraries.of(false, true))
            .as(Pagination::new);
    return Combinators.combine(
            ids(), externalUserIds(), columns, rows, text(0, 60).list().ofMaxSize(3), paging)
        .as(
            (id, user, names, cellRows, messages, pagination) -> {
              ObjectNode body = NODES.objectNode();
              body.put("job_id", id);
              body.put("external_user_id", user);
              body.put("status", "COMPLETED");
              ArrayNode columnNodes = body.putArray("columns");
              names.forEach(columnNodes::add);
              ArrayNode data = body.putArray("data");
              List<Map<String, String>> expectedRows = new ArrayList<>();
              for (List<Cell> cellRow : cellRows) {
                ObjectNode row = data.addObject();
                Map<String, String> expectedRow = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                  row.set(names.get(i), cellRow.get(i).wire());
                  expectedRow.put(names.get(i), cellRow.get(i).text());
                }
                expectedRows.add(expectedRow);
              }
              ArrayNode messageNodes = body.putArray("messages");
              messages.forEach(messageNodes::add);
              ObjectNode paginationNode = body.putObject("pagination");
              paginationNode.put("page", pagination.page());
              paginationNode.put("limit", pagination.limit());
              paginationNode.put("total", pagination.total());
              paginationNode.put("total_pages", pagination.totalPages());
              paginationNode.put("has_next", pagination.hasNext());
              paginationNode.put("has_prev", pagination.hasPrev());
              ResultsPage expected =
                  new ResultsPage(
                      id, user, JobStatus.COMPLETED, names, expectedRows, messages, pagination);
              return new Valid(Endpoint.RESULTS, 200, body, expected);
            });
  }

  static Arbitrary<Valid> enrichments() {
    Arbitrary<List<String>> addons = Arbitraries.of(ADDONS).list().uniqueElements().ofMaxSize(2);
    Arbitrary<List<String>> fieldsAdded =
        Arbitraries.of("biography", "email", "phone", "follower_count", "country", "date")
            .list()
            .uniqueElements()
            .ofMaxSize(6);
    Arbitrary<Boolean> flags = Arbitraries.of(false, true);
    var first =
        Combinators.combine(
                Arbitraries.of(200, 202),
                Arbitraries.of(Endpoint.PREFLIGHT, Endpoint.START_ENRICHMENT),
                ids(),
                addons,
                addons,
                addons,
                fieldsAdded)
            .as(Tuple::of);
    var second =
        Combinators.combine(
                flags,
                flags,
                flags,
                Arbitraries.of(
                    "ELIGIBLE", "QUEUED", "PROCESSING", "COMPLETED", "NO_ADDON_SELECTED"),
                amounts(),
                flags)
            .as(Tuple::of);
    return Combinators.combine(first, second)
        .as(
            (a, b) -> {
              Endpoint endpoint = a.get2();
              int status = endpoint == Endpoint.PREFLIGHT ? 200 : a.get1();
              boolean replayed = endpoint == Endpoint.START_ENRICHMENT && b.get6();
              ObjectNode body = NODES.objectNode();
              body.put("job_id", a.get3());
              a.get4().forEach(body.putArray("supported_addons")::add);
              a.get5().forEach(body.putArray("applied_addons")::add);
              a.get6().forEach(body.putArray("selected_addons")::add);
              a.get7().forEach(body.putArray("fields_added")::add);
              body.put("enriched", b.get1());
              body.put("fully_enriched", b.get2());
              body.put("enrichment_requested", b.get3());
              body.put("status", b.get4());
              body.set("estimated_cost", b.get5().wire());
              if (endpoint == Endpoint.START_ENRICHMENT) {
                body.put("replayed", replayed);
              }
              EnrichmentStatus expected =
                  new EnrichmentStatus(
                      status,
                      a.get3(),
                      a.get4(),
                      a.get5(),
                      a.get6(),
                      a.get7(),
                      b.get1(),
                      b.get2(),
                      b.get3(),
                      b.get4(),
                      b.get5().value(),
                      replayed);
              return new Valid(endpoint, status, body, expected);
            });
  }

  /** Ids the parser must keep to the character: UUIDs, printable tokens, any non-blank text. */
  static Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
            .as((high, low) -> new UUID(high, low).toString()),
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64),
        text(1, 40).filter(s -> !s.isBlank()));
  }

  static Arbitrary<JobStatus> statuses() {
    return Arbitraries.of(DOCUMENTED_STATUSES);
  }

  /** A documented cell value (a string, sometimes null) or another scalar or a small container. */
  static Arbitrary<Cell> cells() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, text(0, 24).map(s -> new Cell(NODES.textNode(s), s))),
        Tuple.of(2, Arbitraries.just(new Cell(NODES.nullNode(), null))),
        Tuple.of(
            1,
            Arbitraries.of(false, true)
                .map(b -> new Cell(NODES.booleanNode(b), String.valueOf(b)))),
        Tuple.of(1, Arbitraries.longs().map(l -> new Cell(NODES.numberNode(l), String.valueOf(l)))),
        Tuple.of(
            1,
            Combinators.combine(text(0, 10), Arbitraries.integers())
                .as(
                    (s, i) -> {
                      ObjectNode cell = NODES.objectNode();
                      cell.put("s", s);
                      cell.putArray("a").add(i).addNull().add(true);
                      return new Cell(cell, write(cell, Wire.COMPACT));
                    })));
  }

  /** A cell on the wire and the text the parser must make of it. */
  record Cell(JsonNode wire, String text) {}

  /** A documented amount (credits, whole or fractional) and the exact value it reads as. */
  record Amount(JsonNode wire, BigDecimal value) {}

  static Arbitrary<Amount> amounts() {
    return Arbitraries.oneOf(
        Arbitraries.longs()
            .between(0, 10_000_000)
            .map(l -> new Amount(NODES.numberNode(l), exact(BigDecimal.valueOf(l)))),
        Combinators.combine(
                Arbitraries.longs().between(0, 100_000_000), Arbitraries.integers().between(1, 6))
            .as(
                (unscaled, scale) -> {
                  BigDecimal amount = BigDecimal.valueOf(unscaled, scale);
                  return new Amount(rawNumber(amount.toPlainString()), exact(amount));
                }));
  }

  /** How the parser states an exact amount: no trailing zeros, never an exponent. */
  private static BigDecimal exact(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static Arbitrary<String> externalUserIds() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00a0', '\u024f')
        .ofMinLength(1)
        .ofMaxLength(255);
  }

  private static Arbitrary<String> namespaces() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars('-', '_')
        .ofMinLength(1)
        .ofMaxLength(40);
  }

  private static Arbitrary<String> toolTypes() {
    return Arbitraries.of(
        "followers", "following", "likers", "hashtag", "location", "single-post-likers", "emails");
  }

  /** Text of printable, Latin, Cyrillic, CJK, control and separator characters (no surrogates). */
  static Arbitrary<String> text(int min, int max) {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u0000', '\u001f')
        .withCharRange('\u00a0', '\u024f')
        .withCharRange('\u0400', '\u04ff')
        .withCharRange('\u4e00', '\u4e80')
        .withChars('\u2028', '\u2029', '\ufeff', '\u200b')
        .ofMinLength(min)
        .ofMaxLength(max);
  }

  // ---- what a server might send instead

  /** Any JSON value, from null to a million characters or two hundred levels deep. */
  static Arbitrary<Payload> payloads() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, scalars()),
        Tuple.of(4, numericStrings()),
        Tuple.of(4, oddTimestamps()),
        Tuple.of(6, numbers()),
        Tuple.of(3, objects()),
        Tuple.of(3, arrays()),
        Tuple.of(1, deeplyNested()),
        Tuple.of(1, hugeStrings()));
  }

  static Arbitrary<Payload> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.just(new Payload("null", NODES.nullNode())),
        Arbitraries.of(false, true).map(b -> new Payload("boolean", NODES.booleanNode(b))),
        text(0, 24).map(s -> new Payload("string", NODES.textNode(s))),
        Arbitraries.integers()
            .between(-1000, 1000)
            .map(i -> new Payload("int", NODES.numberNode(i))),
        Arbitraries.longs().map(l -> new Payload("long", NODES.numberNode(l))));
  }

  static Arbitrary<Payload> numericStrings() {
    return Arbitraries.oneOf(
            Arbitraries.of(
                "0",
                "-0",
                "42",
                " 42 ",
                "+5",
                "-7",
                "3.14",
                "0.1",
                ".5",
                "5.",
                "1e",
                "1e400",
                "1E-400",
                "-1e400",
                "1E+999999999",
                "99999999999999999999999",
                "9223372036854775808",
                "-9223372036854775809",
                "2147483648",
                "1,000",
                "1,000.50",
                "45%",
                "0x1F",
                "NaN",
                "Infinity",
                "-Infinity",
                "1_000",
                "\u0661\u0662\u0663",
                "true",
                "null",
                "",
                "   "),
            Arbitraries.longs().map(String::valueOf),
            Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 18))
                .as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale).toPlainString()),
            exponentTokens(1_000_000_000))
        .map(s -> new Payload("numeric string", NODES.textNode(s)));
  }

  static Arbitrary<Payload> oddTimestamps() {
    Arbitrary<String> listed =
        Arbitraries.of(
            "2026-03-17T17:30:00.000Z",
            "2026-03-17T17:30:00Z",
            "2026-03-17T17:30:00",
            "2026-03-17 17:30:00",
            "2026-03-17",
            "2026-03-17T17:30:00+05:30",
            "2026-03-17T17:30:00.123456789-08:00",
            "Tue, 17 Mar 2026 17:30:00 GMT",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-03-17T24:00:00Z",
            "2026-03-17T17:30:00+25:00",
            "0000-00-00 00:00:00",
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "2026-W11-2",
            "2026-076",
            "17:30",
            "yesterday",
            "T",
            "",
            "   ",
            "1773768600",
            "1773768600000",
            "1773768600000000",
            "1773768600000000000",
            "-1",
            "1.5e9");
    Arbitrary<String> shaped =
        Combinators.combine(
                Arbitraries.integers().between(-99_999, 99_999),
                Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, 32),
                Arbitraries.integers().between(0, 25),
                Arbitraries.integers().between(0, 61),
                Arbitraries.integers().between(0, 61),
                Arbitraries.of("Z", "", "+00:00", "-18:00", "+18:01", "+0530", " UTC", "z"))
            .as(
                (y, mo, d, h, mi, s, zone) ->
                    String.format(
                        Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, mo, d, h, mi, s, zone));
    return Arbitraries.oneOf(
        Arbitraries.oneOf(listed, shaped).map(s -> new Payload("timestamp", NODES.textNode(s))),
        Arbitraries.longs().map(l -> new Payload("epoch", NODES.numberNode(l))));
  }

  /** Numbers of every size and form, up to exponents of a billion and 400 digits. */
  static Arbitrary<Payload> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(l -> new Payload("long", NODES.numberNode(l))),
        Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 30))
            .as(
                (unscaled, scale) ->
                    new Payload(
                        "decimal", rawNumber(BigDecimal.valueOf(unscaled, scale).toPlainString()))),
        Combinators.combine(
                Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(400),
                Arbitraries.of("", "-"))
            .as(
                (digits, sign) ->
                    new Payload(
                        "huge integer", NODES.numberNode(new BigInteger(sign + "9" + digits)))),
        exponentTokens(1_000_000_000).map(t -> new Payload("exponent", rawNumber(t))),
        Arbitraries.of(
                "-0",
                "0.0",
                "-0.0",
                "0e0",
                "1E+2",
                "1e400",
                "-1e400",
                "1e-400",
                "1E+999999999",
                "-1E-999999999",
                "99999999999999999999999",
                "9223372036854775808",
                "-9223372036854775809",
                "2147483648",
                "1.7976931348623157E309",
                "4.9e-325",
                "100.000000000000000000001")
            .map(t -> new Payload("number token", rawNumber(t))));
  }

  /** JSON number tokens with an exponent of at most {@code maxExponent} either way. */
  static Arbitrary<String> exponentTokens(int maxExponent) {
    return Combinators.combine(
            Arbitraries.of("1", "-1", "9.99", "-0.5", "0", "123456789", "2.5"),
            Arbitraries.of("e", "E", "e+", "E-", "e-"),
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 400)),
                Tuple.of(1, Arbitraries.integers().between(300, 5_000)),
                Tuple.of(1, Arbitraries.integers().between(0, maxExponent))))
        .as((mantissa, marker, exponent) -> mantissa + marker + exponent);
  }

  static Arbitrary<Payload> objects() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
            Arbitraries.of(
                "value", "amount", "credits", "total", "cost", "page", "code", "message", ""));
    return Arbitraries.maps(names, shallow())
        .ofMaxSize(4)
        .map(
            members -> {
              ObjectNode object = NODES.objectNode();
              members.forEach((name, value) -> object.set(name, value.node()));
              return new Payload("object", object);
            });
  }

  static Arbitrary<Payload> arrays() {
    return shallow()
        .list()
        .ofMaxSize(4)
        .map(
            elements -> {
              ArrayNode array = NODES.arrayNode();
              elements.forEach(e -> array.add(e.node()));
              return new Payload("array", array);
            });
  }

  private static Arbitrary<Payload> shallow() {
    return Arbitraries.oneOf(scalars(), numbers(), numericStrings());
  }

  /** Arrays and objects nested 50 to 200 levels deep around a scalar. */
  static Arbitrary<Payload> deeplyNested() {
    return Combinators.combine(
            Arbitraries.integers().between(50, 200), Arbitraries.longs(), scalars())
        .as(
            (depth, seed, leaf) -> {
              Random random = new Random(seed);
              JsonNode node = leaf.node();
              for (int i = 0; i < depth; i++) {
                if (random.nextBoolean()) {
                  ArrayNode array = NODES.arrayNode().add(node);
                  node = random.nextInt(4) == 0 ? array.add(i) : array;
                } else {
                  ObjectNode object = NODES.objectNode();
                  object.set(random.nextBoolean() ? "value" : "v", node);
                  node = object;
                }
              }
              return new Payload("nested " + depth, node);
            });
  }

  /** Strings of 100k to 1M characters: digits, commas, escapes, NULs, timestamp prefixes. */
  static Arbitrary<Payload> hugeStrings() {
    return Combinators.combine(
            Arbitraries.integers().between(100_000, 1_000_000),
            Arbitraries.of(
                "a", "9", "1,", " ", "\u00e9", "\\", "\"", "\u0000", "2026-03-17T", "true,"))
        .as(
            (length, unit) ->
                new Payload(
                    "huge string",
                    NODES.textNode(unit.repeat(Math.max(1, length / unit.length())))));
  }

  /** Member names the docs do not give: random, empty, look-alikes of real ones, long, odd. */
  static Arbitrary<String> unknownNames() {
    return Arbitraries.oneOf(
        printableUnknownNames(),
        Arbitraries.of(
            "",
            " ",
            "Job_ID",
            "JOB_ID",
            "data ",
            "__proto__",
            "constructor",
            "null",
            "$ref",
            "\u30da\u30fc\u30b8",
            "status\u0000"),
        text(1, 300).map(s -> "x" + s));
  }

  /** Unknown names the drift counter keeps as they are (printable ASCII, short). */
  static Arbitrary<String> printableUnknownNames() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars('_', '-')
        .ofMaxLength(40)
        .map(s -> "x_" + s);
  }

  // ---- bends of informational fields

  /**
   * Bends of one informational field, not yet tied to an endpoint: each picks its field (or the
   * object that gets an unknown member) from the endpoint's own lists. Kept apart from the response
   * so that generation is a plain combine, which jqwik generates and shrinks cheaply.
   */
  static Arbitrary<Bend> informationalBends() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 9_999);
    return Arbitraries.frequencyOf(
        Tuple.of(
            5,
            Combinators.combine(index, payloads())
                .as((i, p) -> e -> Mutation.replace(pick(e.informational, i), p))),
        Tuple.of(2, index.map(i -> e -> Mutation.remove(pick(e.informational, i)))),
        Tuple.of(3, unknownMembers(unknownNames(), payloads())));
  }

  /** A field-level bend, resolved against the endpoint of the response it is applied to. */
  interface Bend extends Function<Endpoint, Mutation> {}

  private static Arbitrary<Bend> unknownMembers(
      Arbitrary<String> names, Arbitrary<Payload> payloads) {
    return Combinators.combine(Arbitraries.integers().between(0, 9_999), names, payloads)
        .as(
            (i, name, p) ->
                e -> {
                  String container = pick(e.containers, i);
                  // Generated names are never documented ones; this keeps it so if the docs grow.
                  String unknown = e.knows(container, name) ? name + "_x" : name;
                  return Mutation.addUnknown(container, unknown, p);
                });
  }

  private static <T> T pick(List<T> list, int index) {
    return list.get(index % list.size());
  }

  private static List<Mutation> on(Endpoint endpoint, List<Bend> bends) {
    return bends.stream().map(b -> b.apply(endpoint)).toList();
  }

  static Arbitrary<Mutated> mutatedResponses() {
    return Combinators.combine(
            validResponses(),
            informationalBends().list().ofMinSize(1).ofMaxSize(6),
            Arbitraries.of(Wire.values()))
        .as((valid, bends, wire) -> new Mutated(valid, on(valid.endpoint(), bends), wire));
  }

  /** One deviation the parser must count, and the field it must be counted under. */
  static Arbitrary<Deviated> certainDeviations() {
    Arbitrary<Bend> objectForScalar =
        Combinators.combine(
                Arbitraries.integers().between(0, 9_999),
                objects().filter(p -> !wrapsNothing(p.node())))
            .as((i, p) -> e -> Mutation.replace(pick(e.scalarPaths(), i), p));
    return Combinators.combine(
            validResponses(),
            Arbitraries.oneOf(unknownMembers(printableUnknownNames(), payloads()), objectForScalar))
        .as(
            (valid, bend) -> {
              Mutation m = bend.apply(valid.endpoint());
              return new Deviated(valid, m, countedAs(m));
            });
  }

  /** The field name a deviation is counted under. */
  private static String countedAs(Mutation m) {
    return m.op() == Op.ADD_UNKNOWN
        ? (m.path().isEmpty() ? "" : m.path() + ".") + m.name()
        : m.path();
  }

  /** Documented numbers, flags and timestamps, each replaced by a container around nothing. */
  static Arbitrary<Deviated> wrappersAroundNothing() {
    Arbitrary<Payload> wrappers =
        Combinators.combine(
                Arbitraries.integers().between(1, 3),
                Arbitraries.of("value", "amount", "v", "x"),
                Arbitraries.of(false, true))
            .as(
                (depth, name, inArray) -> {
                  JsonNode node = NODES.nullNode();
                  for (int i = 0; i < depth; i++) {
                    node =
                        inArray ? NODES.arrayNode().add(node) : NODES.objectNode().set(name, node);
                  }
                  return new Payload("wrapped null", node);
                });
    return Combinators.combine(validResponses(), Arbitraries.integers().between(0, 9_999), wrappers)
        .as(
            (valid, i, p) -> {
              Mutation m = Mutation.replace(pick(valid.endpoint().typedPaths(), i), p);
              return new Deviated(valid, m, m.path());
            });
  }

  /** One valid response with {@code payload} in an informational field or an unknown one. */
  static Arbitrary<Mutated> withPayloadSomewhere(Arbitrary<Payload> payload) {
    Arbitrary<Bend> informational =
        Combinators.combine(Arbitraries.integers().between(0, 9_999), payload)
            .as((i, p) -> e -> Mutation.replace(pick(e.informational, i), p));
    return Combinators.combine(
            validResponses(),
            Arbitraries.oneOf(informational, unknownMembers(printableUnknownNames(), payload)))
        .as(
            (valid, bend) ->
                new Mutated(valid, List.of(bend.apply(valid.endpoint())), Wire.COMPACT));
  }

  // ---- breakages of progress fields

  static Arbitrary<Broken> brokenProgressFields() {
    return Combinators.combine(
            strictResponses(),
            informationalBends().list().ofMaxSize(2),
            progressBreaks(),
            Arbitraries.of(false, true),
            Arbitraries.of(Wire.values()))
        .as(
            (valid, noise, broken, echo, wire) ->
                new Broken(
                    valid,
                    on(valid.endpoint(), noise),
                    broken.apply(valid.endpoint()),
                    echo,
                    wire));
  }

  /**
   * A breakage of one progress field of the endpoint it is resolved against: job_id of a submit or
   * job, status of a job, data or one of its elements of a results page.
   */
  static Arbitrary<Function<Endpoint, ProgressBreak>> progressBreaks() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 9_999),
            notAnId(),
            notAStatus(),
            notAnArray(),
            notAnObject(),
            Arbitraries.integers().between(0, 1_000))
        .as(
            (choice, id, status, data, row, index) ->
                endpoint -> {
                  List<ProgressBreak> options = new ArrayList<>();
                  if (endpoint == Endpoint.SUBMIT || endpoint == Endpoint.GET_JOB) {
                    options.add(new ProgressBreak(BreakKind.REMOVE, "job_id", null, 0));
                    options.add(new ProgressBreak(BreakKind.REPLACE, "job_id", id, 0));
                  }
                  if (endpoint == Endpoint.GET_JOB) {
                    options.add(new ProgressBreak(BreakKind.REMOVE, "status", null, 0));
                    options.add(new ProgressBreak(BreakKind.REPLACE, "status", status, 0));
                  }
                  if (endpoint == Endpoint.RESULTS) {
                    options.add(new ProgressBreak(BreakKind.REMOVE, "data", null, 0));
                    options.add(new ProgressBreak(BreakKind.REPLACE, "data", data, 0));
                    options.add(new ProgressBreak(BreakKind.DATA_ELEMENT, "data", row, index));
                  }
                  return pick(options, choice);
                });
  }

  /** Neither a non-blank string nor a whole number. */
  static Arbitrary<Payload> notAnId() {
    return Arbitraries.oneOf(
        nullsBooleansAndBlanks(),
        Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 12))
            .as(
                (unscaled, scale) ->
                    new Payload(
                        "decimal", rawNumber(BigDecimal.valueOf(unscaled, scale).toPlainString()))),
        exponentTokens(1_000).map(t -> new Payload("exponent", rawNumber(t))),
        objects(),
        arrays(),
        ids().map(id -> new Payload("id in an array", NODES.arrayNode().add(id))),
        deeplyNested());
  }

  /** Not a non-blank string. */
  static Arbitrary<Payload> notAStatus() {
    return Arbitraries.oneOf(
        nullsBooleansAndBlanks(),
        numbers(),
        objects(),
        arrays(),
        statuses().map(s -> new Payload("status in an array", NODES.arrayNode().add(s.name()))),
        deeplyNested());
  }

  static Arbitrary<Payload> notAnArray() {
    return Arbitraries.oneOf(
        nullsBooleansAndBlanks(),
        scalars(),
        numbers(),
        numericStrings(),
        Arbitraries.just(new Payload("string", NODES.textNode("[]"))),
        objects(),
        Arbitraries.just(new Payload("rows as object", rowsAsObject())),
        deeplyNested().filter(p -> !p.node().isArray()));
  }

  static Arbitrary<Payload> notAnObject() {
    return Arbitraries.oneOf(
        nullsBooleansAndBlanks(),
        scalars(),
        numbers(),
        arrays(),
        Arbitraries.just(new Payload("row in an array", NODES.arrayNode().add(NODES.objectNode()))),
        deeplyNested().filter(p -> !p.node().isObject()));
  }

  private static JsonNode rowsAsObject() {
    ObjectNode rows = NODES.objectNode();
    rows.putObject("0").put("username", "space_fan_01");
    return rows;
  }

  private static Arbitrary<Payload> nullsBooleansAndBlanks() {
    return Arbitraries.oneOf(
        Arbitraries.just(new Payload("null", NODES.nullNode())),
        Arbitraries.of(false, true).map(b -> new Payload("boolean", NODES.booleanNode(b))),
        blanks().map(s -> new Payload("blank string", NODES.textNode(s))));
  }

  /** Strings Java calls blank: empty, or only whitespace (ASCII, separators, ideographic). */
  static Arbitrary<String> blanks() {
    return Arbitraries.strings()
        .withChars(
            ' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u001c', '\u001f', '\u2003', '\u3000',
            '\u2028')
        .ofMaxLength(6)
        .filter(String::isBlank);
  }

  /** Bodies that are not a JSON object: other JSON values, not JSON, cut short, or followed. */
  static Arbitrary<BrokenBody> brokenBodies() {
    Arbitrary<BodyBreak> nonObject =
        payloads()
            .filter(p -> !p.node().isObject())
            .map(p -> new BodyBreak("JSON " + p.kind(), json -> write(p.node(), Wire.COMPACT)));
    Arbitrary<BodyBreak> notJson =
        Arbitraries.oneOf(
                Arbitraries.of(
                    "<html><body><h1>502 Bad Gateway</h1></body></html>",
                    "<html>Authorization: Bearer "
                        + ResponseParserPropertiesModel.SECRET
                        + "</html>",
                    "{",
                    "}",
                    "[",
                    "{\"job_id\":}",
                    "{'job_id':'x'}",
                    "{job_id: \"x\"}",
                    "{\"a\":1,}",
                    "job_id=abc&status=QUEUED",
                    "NaN",
                    "undefined",
                    "\"unterminated",
                    "\u0000",
                    "{\"job_id\":\"x\"\u0000}"),
                text(0, 200).map(s -> "<" + s))
            .map(text -> new BodyBreak("not JSON " + text, json -> text));
    Arbitrary<BodyBreak> cut =
        Arbitraries.doubles()
            .between(0, 1)
            .map(
                at ->
                    new BodyBreak(
                        "cut at " + at,
                        json -> json.substring(0, 1 + (int) (at * (json.length() - 2)))));
    Arbitrary<BodyBreak> followed =
        Arbitraries.of(" x", "}", "{}", " null", ",", "]", "twice")
            .map(
                tail ->
                    new BodyBreak(
                        "followed by " + tail,
                        json -> json + (tail.equals("twice") ? " " + json : tail)));
    Arbitrary<BodyBreak> empty =
        Arbitraries.of("", " ", "\n", "\t\r\n")
            .injectNull(0.25)
            .map(blank -> new BodyBreak("empty " + blank, json -> blank));
    return Combinators.combine(
            validResponses(), Arbitraries.oneOf(nonObject, notJson, cut, followed, empty))
        .as(
            (valid, broken) ->
                new BrokenBody(
                    valid, broken.kind(), broken.apply().apply(write(valid.body(), Wire.COMPACT))))
        // An enrichment answer may be empty; everything else must be a JSON object.
        .filter(
            b ->
                b.body() != null && !b.body().isBlank()
                    || b.valid().endpoint().hasProgressFields());
  }

  /** One way to make a body unusable, applied to the valid body's JSON. */
  private record BodyBreak(String kind, UnaryOperator<String> apply) {}

  // ---- ids, statuses and pagination

  /** Whole numbers sent as the job id: longs and integers of up to 300 digits. */
  static Arbitrary<BigInteger> integralIds() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(BigInteger::valueOf),
        Combinators.combine(
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(300),
                Arbitraries.of("", "-"))
            .as((digits, sign) -> new BigInteger(sign + "1" + digits)));
  }

  /** Documented statuses in other cases, padded, the common aliases, and unknown words. */
  static Arbitrary<StatusSpelling> statusSpellings() {
    Arbitrary<StatusSpelling> documented =
        Combinators.combine(statuses(), Arbitraries.longs(), Arbitraries.of("", " ", "\t", "  "))
            .as(
                (status, seed, pad) -> {
                  Random random = new Random(seed);
                  StringBuilder cased = new StringBuilder();
                  for (char c : status.name().toCharArray()) {
                    cased.append(random.nextBoolean() ? c : Character.toLowerCase(c));
                  }
                  return new StatusSpelling(pad + cased + pad, status);
                });
    Arbitrary<StatusSpelling> aliases =
        Arbitraries.of(
            new StatusSpelling("CANCELED", JobStatus.CANCELLED),
            new StatusSpelling("in-progress", JobStatus.PROCESSING),
            new StatusSpelling("In Progress", JobStatus.PROCESSING),
            new StatusSpelling("IN_PROGRESS", JobStatus.PROCESSING));
    Arbitrary<StatusSpelling> unknown =
        Arbitraries.strings()
            .alpha()
            .numeric()
            .withChars('-', '_', ' ')
            .ofMaxLength(20)
            .map(s -> new StatusSpelling("X-" + s, JobStatus.UNKNOWN));
    return Arbitraries.frequencyOf(
        Tuple.of(4, documented), Tuple.of(1, aliases), Tuple.of(3, unknown));
  }

  /** has_next forms: readable ones mean their flag; the others say nothing. */
  static Arbitrary<Form<Boolean>> hasNextForms(boolean readable) {
    if (readable) {
      return Combinators.combine(
              Arbitraries.of(false, true), Arbitraries.of("boolean", "string", "yes/no", "1/0"))
          .as(
              (flag, shape) ->
                  new Form<>(
                      shape,
                      switch (shape) {
                        case "boolean" -> NODES.booleanNode(flag);
                        case "string" -> NODES.textNode(String.valueOf(flag));
                        case "yes/no" -> NODES.textNode(flag ? "yes" : "no");
                        default -> NODES.numberNode(flag ? 1 : 0);
                      },
                      flag));
    }
    return Arbitraries.of(
        new Form<>("absent", null, null),
        new Form<>("null", NODES.nullNode(), null),
        new Form<>("word", NODES.textNode("maybe"), null),
        new Form<>("empty string", NODES.textNode(""), null),
        new Form<>("object", NODES.objectNode(), null),
        new Form<>("empty array", NODES.arrayNode(), null),
        new Form<>("two", NODES.numberNode(2), null));
  }

  /** total_pages or limit forms: readable ones mean their whole number. */
  static Arbitrary<Form<Integer>> countForms(boolean readable, int min, int max) {
    if (readable) {
      return Combinators.combine(
              Arbitraries.integers().between(min, max), Arbitraries.of(false, true))
          .as(
              (n, asString) ->
                  new Form<>(
                      asString ? "string" : "number",
                      asString ? NODES.textNode(String.valueOf(n)) : NODES.numberNode(n),
                      n));
    }
    return Arbitraries.of(
        new Form<>("absent", null, null),
        new Form<>("null", NODES.nullNode(), null),
        new Form<>("word", NODES.textNode("many"), null),
        new Form<>("object", NODES.objectNode(), null),
        new Form<>("beyond int", NODES.numberNode(3_000_000_000L), null),
        new Form<>("1e400", rawNumber("1e400"), null));
  }

  static Arbitrary<PagedCase> pagedCases(
      int minRows,
      int maxRows,
      Arbitrary<Form<Boolean>> hasNext,
      Arbitrary<Form<Integer>> totalPages,
      Arbitrary<Form<Integer>> limit,
      Arbitrary<Boolean> dropPagination) {
    return Combinators.combine(
            resultsPages(minRows, maxRows),
            hasNext,
            totalPages,
            limit,
            dropPagination,
            Arbitraries.integers().between(1, 1_000),
            Arbitraries.integers().between(1, 60))
        .as(PagedCase::new);
  }

  /** Exponent tokens at the int limit (2^31 - 3 to 2^31 - 1), as numbers and numeric strings. */
  static Arbitrary<Payload> exponentsNearTheIntLimit() {
    return Combinators.combine(
            Arbitraries.of("1", "-1", "12", "9.5"),
            Arbitraries.of("e", "E+"),
            Arbitraries.integers().between(Integer.MAX_VALUE - 2, Integer.MAX_VALUE),
            Arbitraries.of(false, true))
        .as(
            (mantissa, marker, exponent, asString) -> {
              String token = mantissa + marker + exponent;
              return asString
                  ? new Payload("numeric string", NODES.textNode(token))
                  : new Payload("number", rawNumber(token));
            });
  }

  /** Number tokens whose exponent does not fit an int, either way. */
  static Arbitrary<Payload> exponentsBeyondTheIntRange() {
    return Combinators.combine(
            Arbitraries.of("1", "-1", "0", "12", "9.5"),
            Arbitraries.of("e", "E+", "e-"),
            Arbitraries.longs().between(2_147_483_648L, 99_999_999_999L))
        .as(
            (mantissa, marker, exponent) ->
                new Payload("number", rawNumber(mantissa + marker + exponent)));
  }
}
