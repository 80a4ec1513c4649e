package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.config.ControlGuards;
import co.igscraper.kafka.connect.source.ControlState.Change;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlStateTest {
  private final ControlState state = new ControlState(Set.of("from-config"), 12, 5, true);

  private static String spec(String name, int max) {
    return "{\"name\":\""
        + name
        + "\",\"external_user_id\":\"u1\",\"tool_type\":\"followers\",\"params\":{\"usernames\":"
        + "[\"nasa\"],\"max_followers\":"
        + max
        + "}}";
  }

  @Test
  void addChangeRepeatAndRemove() {
    assertInstanceOf(ControlState.Upsert.class, state.apply("a", spec("a", 10), "c:0:1"));
    assertInstanceOf(ControlState.Unchanged.class, state.apply("a", spec("a", 10), "c:0:2"));
    Change changed = state.apply("a", spec("a", 11), "c:0:3");
    assertEquals(11, ((ControlState.Upsert) changed).spec().params().get("max_followers"));
    assertEquals(new ControlState.Remove("a"), state.apply("a", null, "c:0:4"));
    assertInstanceOf(ControlState.Unchanged.class, state.apply("a", null, "c:0:5"));
  }

  @Test
  void malformedRecordsAreRejectedWithTheReasonAndKeepThePreviousVersion() {
    state.apply("a", spec("a", 10), "c:0:1");
    assertEquals(
        "spec \"a\": value is not valid JSON: unexpected character 'n' (expected double-quote to"
            + " start field name) at line 1, column 2.",
        reason(state.apply("a", "{not json", "c:0:2")));
    assertEquals(
        "spec \"a\": params.max_followers must be an integer from 1 to 10000, got 0.",
        reason(state.apply("a", spec("a", 0), "c:0:3")));
    assertEquals(
        "spec \"b\": name must equal the record key, got \"a\".",
        reason(state.apply("b", spec("a", 5), "c:0:4")));
    assertEquals(
        "control record c:0:5: key is required: the spec's name.",
        reason(state.apply(null, spec("a", 5), "c:0:5")));
    // The valid version is still the one in force: re-sending it changes nothing.
    assertInstanceOf(ControlState.Unchanged.class, state.apply("a", spec("a", 10), "c:0:6"));
  }

  @Test
  void aNameClashWithAConfigSpecIsReported() {
    assertEquals(
        "spec \"from-config\": name is already used by a spec in igscraper.jobs, which keeps"
            + " running.",
        reason(state.apply("from-config", spec("from-config", 10), "c:0:1")));
  }

  @Test
  void aScheduleFasterThanTheQuotaIsRejectedSayingWhy() {
    String fast = spec("fast", 10).replace("}}", "},\"repeat_every\":\"PT1M\"}");
    String reason = reason(state.apply("fast", fast, "c:0:1"));
    assertTrue(reason.contains("60 jobs per hour"), reason);
    assertTrue(reason.contains("12 per hour"), reason);
  }

  @Test
  void aUsersScheduleBudgetCountsOnlyItsCurrentSpecs() {
    // 12 submits an hour per user: two specs every 10 minutes fit, a third does not.
    String every10 = "},\"repeat_every\":\"PT10M\"}";
    state.apply("a", spec("a", 10).replace("}}", every10), "c:0:1");
    state.apply("b", spec("b", 10).replace("}}", every10), "c:0:2");
    String third = spec("c", 10).replace("}}", every10);
    assertTrue(reason(state.apply("c", third, "c:0:3")).contains("12 per hour"));
    // "b" moves to another user, "a" is removed: u1's budget is free again, for "c" and then "a".
    state.apply("b", spec("b", 10).replace("u1", "u2").replace("}}", every10), "c:0:4");
    assertInstanceOf(ControlState.Upsert.class, state.apply("c", third, "c:0:5"));
    state.apply("a", null, "c:0:6");
    assertInstanceOf(
        ControlState.Upsert.class, state.apply("a", spec("a", 11).replace("}}", every10), "c:0:7"));
    assertTrue(
        reason(state.apply("d", spec("d", 10).replace("}}", every10), "c:0:8"))
            .contains("12 per hour"));
  }

  @Test
  void aTaskKeepsOnlyItsOwnUsersSpecsAndLeavesTheirScheduleToTheirOwner() {
    ControlState mine =
        new ControlState(Set.of(), 12, 5, true, user -> user.equals("u1"), ControlGuards.NONE);
    // u2 is another task's: taken as a change (that task checks its schedule), named, not kept.
    assertInstanceOf(
        ControlState.Upsert.class, mine.apply("t", spec("t", 10).replace("u1", "u2"), "c:0:1"));
    assertTrue(mine.defines("t"));
    assertInstanceOf(
        ControlState.Upsert.class, mine.apply("t", spec("t", 10).replace("u1", "u2"), "c:0:2"));
    // u1's schedule is checked here, and only here: the owner reports it.
    ControlState.Rejected fast =
        assertInstanceOf(
            ControlState.Rejected.class,
            mine.apply("f", spec("f", 10).replace("}}", "},\"repeat_every\":\"PT1M\"}"), "c:0:3"));
    assertTrue(!fast.everyTask());
    assertTrue(
        assertInstanceOf(ControlState.Rejected.class, mine.apply("b", "{bad", "c:0:4"))
            .everyTask());
    // A spec of u1 moving to u2 leaves this task's specs; its tombstone is then no change here.
    mine.apply("m", spec("m", 10), "c:0:5");
    assertInstanceOf(
        ControlState.Upsert.class, mine.apply("m", spec("m", 10).replace("u1", "u2"), "c:0:6"));
    assertInstanceOf(ControlState.Unchanged.class, mine.apply("m", null, "c:0:7"));
    assertTrue(!mine.defines("m"));
  }

  @Test
  void enrichmentRequestsCarryTheirRecordId() {
    Change c = state.apply("enrich:a", "{\"enrich_profiles\":true}", "c:0:7");
    assertEquals(
        new ControlState.Enrich("a", new JobRunner.EnrichRequest("c:0:7", new Addons(true, false))),
        c);
    assertEquals(
        "spec \"a\": enrichment request must be {\"enrich_profiles\": true|false,"
            + " \"enrich_country_date\": true|false}.",
        reason(state.apply("enrich:a", "{\"enrich_profiles\":\"yes\"}", "c:0:8")));
    assertInstanceOf(ControlState.Unchanged.class, state.apply("enrich:a", null, "c:0:9"));
  }

  @Test
  void aGuardRefusesASpecOnEveryTaskAndTheVersionBeforeKeepsRunning() {
    ControlState guarded =
        new ControlState(
            Set.of(),
            12,
            5,
            true,
            user -> true,
            new ControlGuards(Set.of("followers"), 500, java.util.List.of()));
    assertInstanceOf(ControlState.Upsert.class, guarded.apply("g", spec("g", 500), "c:0:1"));
    ControlState.Rejected tooMany =
        assertInstanceOf(ControlState.Rejected.class, guarded.apply("g", spec("g", 501), "c:0:2"));
    assertEquals(
        "spec \"g\": params.max_followers is 501, above igscraper.control.max.results (500).",
        tooMany.reason());
    assertTrue(tooMany.everyTask() && tooMany.spec() == null, "reported once, moves nothing");
    // The version taken before stays in force: the same one again is no change.
    assertInstanceOf(ControlState.Unchanged.class, guarded.apply("g", spec("g", 500), "c:0:3"));
  }

  private static String reason(Change change) {
    return assertInstanceOf(ControlState.Rejected.class, change).reason();
  }
}
