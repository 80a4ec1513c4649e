package co.igscraper.kafka.connect.client;

/** The parser as every property calls it, with an API key that no message may show. */
final class ParserUnderTest {
  static final String SECRET = "sk_live_pr0pert1es_s3cr3t";

  private ParserUnderTest() {}

  static Object parse(
      DocumentedEndpoint endpoint, ContractDrift drift, int httpStatus, String body) {
    return endpoint.parse(new ResponseParser(SECRET, drift), httpStatus, body);
  }
}
