package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
  private final PollSchedule schedule =
      new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(15));

  @Test
  void pollsEveryTwoSecondsEarlyAndBacksOffForLongJobs() {
    assertEquals(Duration.ofSeconds(2), schedule.nextDelay(Duration.ZERO));
    assertEquals(Duration.ofSeconds(2), schedule.nextDelay(Duration.ofSeconds(20)));
    assertEquals(Duration.ofSeconds(5), schedule.nextDelay(Duration.ofSeconds(50)));
    assertEquals(Duration.ofSeconds(15), schedule.nextDelay(Duration.ofMinutes(30)));
  }
}
