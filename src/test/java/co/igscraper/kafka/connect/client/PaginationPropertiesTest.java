package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.PaginationForms.countForms;
import static co.igscraper.kafka.connect.client.PaginationForms.hasNextForms;
import static co.igscraper.kafka.connect.client.PaginationForms.pagedCases;
import static co.igscraper.kafka.connect.client.ParserUnderTest.SECRET;
import static co.igscraper.kafka.connect.client.ParserUnderTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import co.igscraper.kafka.connect.client.PaginationForms.PagedCase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** Properties of pagination: has_next, then total_pages, then a full page decide what follows. */
@AddLifecycleHook(QuietContractDriftWarnings.class)
class PaginationPropertiesTest {

  @Property(tries = 300)
  void anEmptyPageNeverHasANextPage(@ForAll("emptyPages") PagedCase paged) {
    ResultsPage page = parsePage(paged);

    assertEquals(0, page.data().size());
    assertFalse(
        page.pagination().nextPageFollows(paged.requestedPage(), paged.requestedLimit(), 0));
  }

  @Property(tries = 300)
  void aReadableHasNextDecidesWhetherAnotherPageFollows(
      @ForAll("pagesWithReadableHasNext") PagedCase paged) {
    ResultsPage page = parsePage(paged);

    assertEquals(paged.hasNext().meaning(), nextPageFollows(paged, page));
  }

  @Property(tries = 300)
  void withoutHasNextTheRequestedPageAndTotalPagesDecide(
      @ForAll("pagesWithOnlyTotalPages") PagedCase paged) {
    ResultsPage page = parsePage(paged);

    assertEquals(
        paged.requestedPage() < paged.totalPages().meaning(), nextPageFollows(paged, page));
  }

  @Property(tries = 300)
  void withoutHasNextOrTotalPagesAFullPageMeansAnotherFollows(
      @ForAll("pagesWithNeitherHasNextNorTotalPages") PagedCase paged) {
    ResultsPage page = parsePage(paged);

    Integer limit = paged.dropPagination() ? null : paged.limit().meaning();
    int pageSize =
        limit != null && limit > 0
            ? Math.min(limit, paged.requestedLimit())
            : paged.requestedLimit();
    assertEquals(paged.rows() >= pageSize, nextPageFollows(paged, page));
  }

  private static ResultsPage parsePage(PagedCase paged) {
    return (ResultsPage)
        parse(DocumentedEndpoint.RESULTS, new ContractDrift(SECRET), 200, paged.json());
  }

  private static boolean nextPageFollows(PagedCase paged, ResultsPage page) {
    assertEquals(paged.rows(), page.data().size());
    return page.pagination()
        .nextPageFollows(paged.requestedPage(), paged.requestedLimit(), page.data().size());
  }

  @Provide
  Arbitrary<PagedCase> emptyPages() {
    return pagedCases(
        0,
        0,
        Arbitraries.oneOf(hasNextForms(true), hasNextForms(false)),
        Arbitraries.oneOf(countForms(true, 0, 1_000), countForms(false, 0, 0)),
        Arbitraries.oneOf(countForms(true, -5, 300), countForms(false, 0, 0)),
        Arbitraries.of(false, true));
  }

  @Provide
  Arbitrary<PagedCase> pagesWithReadableHasNext() {
    return pagedCases(
        1,
        50,
        hasNextForms(true),
        Arbitraries.oneOf(countForms(true, 0, 1_000), countForms(false, 0, 0)),
        Arbitraries.oneOf(countForms(true, -5, 300), countForms(false, 0, 0)),
        Arbitraries.just(false));
  }

  @Provide
  Arbitrary<PagedCase> pagesWithOnlyTotalPages() {
    return pagedCases(
        1,
        50,
        hasNextForms(false),
        countForms(true, 0, 1_000),
        Arbitraries.oneOf(countForms(true, -5, 300), countForms(false, 0, 0)),
        Arbitraries.just(false));
  }

  @Provide
  Arbitrary<PagedCase> pagesWithNeitherHasNextNorTotalPages() {
    return pagedCases(
        1,
        50,
        hasNextForms(false),
        countForms(false, 0, 0),
        Arbitraries.oneOf(countForms(true, -5, 60), countForms(false, 0, 0)),
        Arbitraries.of(false, true));
  }
}
