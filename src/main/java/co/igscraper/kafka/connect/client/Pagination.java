package co.igscraper.kafka.connect.client;

/**
 * The {@code pagination} object of a results page as sent; any field may be null (absent or
 * unreadable), so the decision whether another page follows is {@link #nextPageFollows}.
 */
public record Pagination(
    Integer page, Integer limit, Long total, Integer totalPages, Boolean hasNext, Boolean hasPrev) {

  /** A results page without a readable pagination object. */
  public static final Pagination NONE = new Pagination(null, null, null, null, null, null);

  /**
   * Whether a page follows page {@code requestedPage}, asked for in pages of {@code
   * requestedLimit}, which held {@code rows} rows: an empty page ends the job; else {@code
   * has_next}; else {@code page < total_pages}; else whether this page was full.
   */
  public boolean nextPageFollows(int requestedPage, int requestedLimit, int rows) {
    if (rows <= 0) {
      return false;
    }
    if (hasNext != null) {
      return hasNext;
    }
    if (totalPages != null) {
      // Our own page number: a server that ignores `page` would echo a page that never advances.
      return requestedPage < totalPages;
    }
    int pageSize = limit != null && limit > 0 ? Math.min(limit, requestedLimit) : requestedLimit;
    return rows >= pageSize;
  }
}
