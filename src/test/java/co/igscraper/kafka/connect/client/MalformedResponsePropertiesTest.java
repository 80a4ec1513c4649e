package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.TolerantReaderAssertions.assertRefused;

import co.igscraper.kafka.connect.client.BrokenBodies.BrokenBody;
import co.igscraper.kafka.connect.client.ProgressFieldBreakage.Broken;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** Properties of unusable responses: always a counted MalformedResponseException, nothing else. */
@AddLifecycleHook(QuietContractDriftWarnings.class)
class MalformedResponsePropertiesTest {

  @Property(tries = 1000)
  void brokenProgressFieldsAreRefusedAsMalformedAndNothingElse(
      @ForAll("brokenProgressFields") Broken broken) {
    assertRefused(broken.valid().endpoint(), broken.valid().httpStatus(), broken.json());
  }

  @Property(tries = 500)
  void bodiesThatAreNotJsonObjectsAreRefusedAsMalformed(@ForAll("brokenBodies") BrokenBody broken) {
    assertRefused(broken.valid().endpoint(), broken.valid().httpStatus(), broken.body());
  }

  @Provide
  Arbitrary<Broken> brokenProgressFields() {
    return ProgressFieldBreakage.brokenProgressFields();
  }

  @Provide
  Arbitrary<BrokenBody> brokenBodies() {
    return BrokenBodies.brokenBodies();
  }
}
