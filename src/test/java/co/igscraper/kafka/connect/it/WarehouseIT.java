package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.ConnectFixture.payload;
import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * Simulator to connector to Kafka to Debezium's JDBC sink to PostgreSQL: every row lands once,
 * typed, keyed by the record key, and re-emitted rows update in place.
 *
 * <p>Needs PostgreSQL on 127.0.0.1:5432 (trust auth, database {@code test}, user {@code postgres})
 * and the sink plugin that {@code mvn verify} unpacks into {@code target/plugins} before the
 * integration tests. {@code IGSCRAPER_SKIP_WAREHOUSE=1} skips it where there is no PostgreSQL.
 */
@DisabledIfEnvironmentVariable(
    named = "IGSCRAPER_SKIP_WAREHOUSE",
    matches = "1",
    disabledReason = "IGSCRAPER_SKIP_WAREHOUSE=1: no PostgreSQL here")
class WarehouseIT {
  private static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String DB_USER = "postgres";
  private static final String KEY = "warehouse-key-5c2e";
  private static final String USER = "wh-u1";
  private static final String SOURCE = "warehouse-source";
  private static final String SINK = "warehouse-sink";
  private static final String TOPIC = "wh.rows";
  private static final String CONTROL = "wh.control";
  private static final int ROWS = 600;
  private static final Path PLUGINS = Path.of("target", "plugins").toAbsolutePath();

  private static final String TABLE =
      "igscraper_wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private static IgScraperSimulator sim;
  private static ConnectFixture connect;

  @BeforeAll
  static void start() {
    requirePostgres();
    if (!Files.isDirectory(PLUGINS.resolve("debezium-connector-jdbc"))) {
      fail(
          "Debezium's JDBC sink is not unpacked in "
              + PLUGINS
              + "; maven-dependency-plugin does it in pre-integration-test, so run this test"
              + " through 'mvn verify'.");
    }
    sim =
        IgScraperSimulator.start(
            SimulatorConfig.builder()
                .apiKeys(KEY)
                .queuedFor(Duration.ofMillis(50))
                .processingFor(Duration.ofMillis(300))
                .enrichmentFor(Duration.ofMillis(300))
                .rateLimitsDisabled()
                .build());
    connect =
        ConnectFixture.start("warehouse", 1, false, Map.of("plugin.path", PLUGINS.toString()));
  }

  @AfterAll
  static void stop() throws SQLException {
    if (connect != null) {
      connect.close();
    }
    if (sim != null) {
      sim.close();
      // The table is unique to this run; drop it so repeated runs leave the database clean.
      try (Connection db = db();
          Statement st = db.createStatement()) {
        st.execute("DROP TABLE IF EXISTS " + TABLE);
      }
    }
  }

  @Test
  void rowsLandOnceTypedAndReEmittedEnrichedRowsUpsertInPlace() throws Exception {
    String jobs =
        "["
            + spec(
                "wh",
                USER,
                "followers",
                "{\"usernames\":[\"nasa\",\"esa\"],\"max_followers\":" + ROWS / 2 + "}")
            + "]";
    Map<String, String> source = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
    source.put("topic", TOPIC);
    source.put("tasks.max", "1");
    source.put("igscraper.page.size", "100");
    source.put("igscraper.control.topic", CONTROL);
    source.put("igscraper.events.topic", "wh.events");
    source.put("igscraper.control.bootstrap.servers", connect.cluster().kafka().bootstrapServers());
    connect.deploy(SOURCE, source);
    connect.deploy(SINK, sinkProps());
    connect.awaitRunning(SOURCE, 1);
    connect.awaitRunning(SINK, 1);

    // 1. Every row once, with the connector's types as column types.
    awaitTable("SELECT count(*) FROM " + TABLE, ROWS);
    List<ConsumerRecord<byte[], byte[]>> emitted =
        connect.awaitRecords(TOPIC, ROWS, Duration.ofSeconds(30));
    assertEquals(ROWS, emitted.size());
    assertEquals(ROWS, count("SELECT count(*) FROM " + TABLE));
    assertEquals(ROWS, count("SELECT count(DISTINCT (source, user_id)) FROM " + TABLE));
    assertEquals(0, count("SELECT count(follower_count) FROM " + TABLE), "not enriched yet");
    Map<String, String> types = columnTypes();
    for (String column : List.of("verified", "private", "business")) {
      assertEquals("boolean", types.get(column), column + " in " + types);
    }
    for (String column : List.of("follower_count", "media_count", "following_count")) {
      assertEquals("bigint", types.get(column), column + " in " + types);
    }
    assertEquals("text", types.get("username"), "username in " + types);
    assertEquals(List.of("source", "user_id"), primaryKey());
    assertEquals(ROWS, matching(emitted, "verified", "verified"), "verified as emitted");
    assertEquals(ROWS, matching(emitted, "username", "username"), "username as emitted");

    // 2. Ask the connector, through its control topic, for a retroactive enrichment of the
    // completed job: it starts the upgrade, waits it out, and re-emits the rows under the same
    // keys.
    connect.cluster().kafka().produce(CONTROL, "enrich:wh", "{\"enrich_profiles\":true}");

    List<ConsumerRecord<byte[], byte[]>> all =
        connect.awaitRecords(TOPIC, 2 * ROWS, Duration.ofSeconds(60));
    assertEquals(2 * ROWS, all.size(), "every row emitted a second time");
    awaitTable("SELECT count(follower_count) FROM " + TABLE, ROWS);
    assertEquals(ROWS, count("SELECT count(*) FROM " + TABLE), "upserted, not appended");
    assertEquals(ROWS, count("SELECT count(DISTINCT (source, user_id)) FROM " + TABLE));
    List<ConsumerRecord<byte[], byte[]>> second = all.subList(ROWS, all.size());
    assertEquals(ROWS, matching(second, "follower_count", "follower_count"), "enriched in place");
    assertEquals(ROWS, matching(second, "biography", "biography"));
    assertEquals(1, sim.stats().jobsCreatedFor(USER), "one job: enrichment upgrades it in place");
  }

  private static Map<String, String> sinkProps() {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
    props.put("tasks.max", "1");
    props.put("topics", TOPIC);
    props.put("connection.url", JDBC_URL);
    props.put("connection.username", DB_USER);
    props.put("connection.password", "");
    props.put("insert.mode", "upsert");
    props.put("primary.key.mode", "record_key");
    props.put("schema.evolution", "basic");
    props.put("collection.name.format", TABLE);
    props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("key.converter.schemas.enable", "true");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "true");
    // The sink maps a Connect map to hstore; without that extension in the database, creating the
    // table fails ('type "hstore" does not exist'). extra_columns is only a safety net for columns
    // this connector version does not know, so the warehouse table goes without it.
    props.put("transforms", "dropExtra");
    props.put(
        "transforms.dropExtra.type", "org.apache.kafka.connect.transforms.ReplaceField$Value");
    props.put("transforms.dropExtra.exclude", "extra_columns");
    return props;
  }

  /** How many records' {@code field} equals the row's {@code column}, matched by record key. */
  private static long matching(
      List<ConsumerRecord<byte[], byte[]>> records, String field, String column)
      throws SQLException {
    long matches = 0;
    try (Connection db = db();
        var st =
            db.prepareStatement(
                "SELECT " + column + " FROM " + TABLE + " WHERE source = ? AND user_id = ?")) {
      for (ConsumerRecord<byte[], byte[]> r : records) {
        JsonNode key = payload(r.key());
        st.setString(1, key.get("source").asText());
        st.setString(2, key.get("user_id").asText());
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) {
            continue;
          }
          JsonNode expected = payload(r.value()).get(field);
          Object actual = rs.getObject(1);
          boolean same =
              switch (expected.getNodeType()) {
                case BOOLEAN -> Boolean.valueOf(expected.booleanValue()).equals(actual);
                case NUMBER -> actual instanceof Long l && l == expected.longValue();
                case STRING -> expected.textValue().equals(actual);
                case NULL -> actual == null;
                default -> false;
              };
          if (same) {
            matches++;
          }
        }
      }
    }
    return matches;
  }

  private static Map<String, String> columnTypes() throws SQLException {
    Map<String, String> types = new HashMap<>();
    try (Connection db = db();
        var st =
            db.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns"
                    + " WHERE table_name = ?")) {
      st.setString(1, TABLE);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return types;
  }

  private static List<String> primaryKey() throws SQLException {
    Map<Short, String> columns = new TreeMap<>();
    try (Connection db = db();
        ResultSet rs = db.getMetaData().getPrimaryKeys(null, null, TABLE)) {
      while (rs.next()) {
        columns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    return new ArrayList<>(columns.values());
  }

  private static void awaitTable(String countSql, long expected) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .failFast(WarehouseIT::assertSinkNotFailed)
        .until(() -> count(countSql) >= expected);
  }

  /** Stops a wait at once with the sink's stack trace, instead of timing out in silence. */
  private static void assertSinkNotFailed() {
    var status = connect.cluster().connectorStatus(SINK);
    for (var task : status.tasks()) {
      if ("FAILED".equals(task.state())) {
        fail("sink task " + task.id() + " failed: " + task.trace());
      }
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection db = db();
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Connection db() throws SQLException {
    return DriverManager.getConnection(JDBC_URL, DB_USER, "");
  }

  private static void requirePostgres() {
    DriverManager.setLoginTimeout(5);
    try (Connection db = db()) {
      db.isValid(5);
    } catch (SQLException e) {
      fail(
          "PostgreSQL is not reachable at "
              + JDBC_URL
              + " as '"
              + DB_USER
              + "' ("
              + e.getMessage()
              + "). Start it, e.g. 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql)"
              + " main start', or set IGSCRAPER_SKIP_WAREHOUSE=1 to skip this test.");
    }
  }
}
