package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-spec row counters stay bounded, whatever the number of specs. */
class SpecRowCountsTest {
  @Test
  void specsPastTheCapAreCountedTogetherAndAnnouncedOnce() {
    SpecRowCounts counts = new SpecRowCounts();
    List<String> announced = new ArrayList<>();
    counts.onNewSpec(announced::add);
    for (int i = 0; i < SpecRowCounts.MAX_SPECS + 50; i++) {
      counts.add("spec-" + i, 2);
    }
    counts.add("spec-0", 1);
    counts.add("spec-0", 0);

    assertEquals(SpecRowCounts.MAX_SPECS + 1, counts.counts().size());
    assertEquals(SpecRowCounts.MAX_SPECS + 1, announced.size());
    assertEquals(SpecRowCounts.OTHER_SPECS, announced.get(SpecRowCounts.MAX_SPECS));
    assertEquals(3, counts.count("spec-0"));
    assertEquals(100, counts.count(SpecRowCounts.OTHER_SPECS));
    assertEquals(0, counts.count("spec-" + (SpecRowCounts.MAX_SPECS + 1)));
  }

  @Test
  void noRowsNoCounter() {
    SpecRowCounts counts = new SpecRowCounts();
    counts.add("quiet", 0);
    assertEquals(0, counts.counts().size());
  }
}
