package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.JsonWire.write;
import static co.igscraper.kafka.connect.client.ParserUnderTest.SECRET;
import static co.igscraper.kafka.connect.client.ParserUnderTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.JsonWire.Wire;
import co.igscraper.kafka.connect.client.ToleratedIdsAndStatuses.StatusSpelling;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Properties of job ids and statuses in undocumented forms: read as what they name, and counted.
 */
@AddLifecycleHook(QuietContractDriftWarnings.class)
class ToleratedIdsAndStatusesPropertiesTest {

  @Property(tries = 300)
  void integralJobIdsAreReadAsTheirDigits(
      @ForAll("idBearingResponses") ValidResponse valid, @ForAll("integralIds") BigInteger id) {
    ObjectNode body = valid.copy();
    body.put("job_id", id);
    ContractDrift drift = new ContractDrift(SECRET);

    Object parsed = parse(valid.endpoint(), drift, valid.httpStatus(), write(body, Wire.COMPACT));

    String jobId = parsed instanceof Job job ? job.jobId() : ((SubmittedJob) parsed).jobId();
    assertEquals(id.toString(), jobId);
    assertTrue(drift.count(new ContractDrift.Key(valid.endpoint().metric(), "job_id")) > 0);
  }

  @Property(tries = 300)
  void jobStatusSpellingsMapToTheirStateAndUnknownOnesToUnknown(
      @ForAll("jobs") ValidResponse valid, @ForAll("statusSpellings") StatusSpelling spelling) {
    ObjectNode body = valid.copy();
    body.put("status", spelling.wire());
    ContractDrift drift = new ContractDrift(SECRET);

    Job job = (Job) parse(valid.endpoint(), drift, valid.httpStatus(), write(body, Wire.COMPACT));

    assertEquals(spelling.expected(), job.status());
    assertEquals(((Job) valid.expected()).jobId(), job.jobId());
    boolean documented = spelling.wire().equals(spelling.expected().name());
    long counted = drift.count(new ContractDrift.Key(valid.endpoint().metric(), "status"));
    assertEquals(!documented, counted > 0, () -> "status deviations counted: " + counted);
  }

  @Provide
  Arbitrary<ValidResponse> jobs() {
    return ValidResponses.jobs();
  }

  @Provide
  Arbitrary<ValidResponse> idBearingResponses() {
    return Arbitraries.oneOf(ValidResponses.submits(), ValidResponses.jobs());
  }

  @Provide
  Arbitrary<BigInteger> integralIds() {
    return ToleratedIdsAndStatuses.integralIds();
  }

  @Provide
  Arbitrary<StatusSpelling> statusSpellings() {
    return ToleratedIdsAndStatuses.statusSpellings();
  }
}
