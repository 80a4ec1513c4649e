package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Choosing dialects from Java and from the command line, and the errors for bad choices. */
class DialectSelectionTest {
  @Test
  void namesCombineAndStandardAddsNothing() {
    assertEquals(
        EnumSet.of(Dialect.DECIMAL_NUMBERS, Dialect.GZIP), Dialect.parse("decimal-numbers,gzip"));
    assertEquals(EnumSet.of(Dialect.GZIP), Dialect.parse(" standard , gzip "));
    assertEquals(EnumSet.of(Dialect.STANDARD), Dialect.parse("standard"));
    assertEquals(
        EnumSet.of(Dialect.SPARSE, Dialect.REORDERED),
        SimulatorConfig.builder().dialect(Dialect.REORDERED, Dialect.SPARSE).build().dialects());
  }

  @Test
  void allIsEveryDialectWithTheFirstOfEachExclusiveGroup() {
    Set<Dialect> all = Dialect.parse("all");
    Set<Dialect> expected = EnumSet.complementOf(EnumSet.of(Dialect.STANDARD, Dialect.ALL));
    expected.removeAll(
        List.of(
            Dialect.DECIMAL_NUMBERS,
            Dialect.TIMESTAMPS_EPOCH_SECONDS,
            Dialect.TIMESTAMPS_RFC1123,
            Dialect.TIMESTAMPS_OFFSET));
    assertEquals(expected, all);
    Set<Dialect> chosen = Dialect.parse("all,decimal-numbers,timestamps-offset");
    assertTrue(chosen.containsAll(List.of(Dialect.DECIMAL_NUMBERS, Dialect.TIMESTAMPS_OFFSET)));
    assertTrue(
        !chosen.contains(Dialect.STRING_NUMBERS)
            && !chosen.contains(Dialect.TIMESTAMPS_EPOCH_MILLIS));
    assertEquals(all.size(), chosen.size());
  }

  @Test
  void dialectsThatRewriteTheSameValuesCannotBeCombined() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Dialect.parse("string-numbers,decimal-numbers"));
    assertEquals(
        "dialects string-numbers and decimal-numbers cannot be combined: both rewrite the numbers",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SimulatorConfig.builder()
                .dialect(Dialect.TIMESTAMPS_OFFSET, Dialect.TIMESTAMPS_RFC1123));
  }

  @Test
  void anUnknownNameOnTheCommandLineNamesTheFlagAndEveryValidName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SimulatorMain.parse(new String[] {"--dialect", "gzip,zstd"}));
    assertTrue(
        e.getMessage().startsWith("--dialect: unknown dialect 'zstd'; valid: "), e.getMessage());
    for (Dialect d : Dialect.values()) {
      assertTrue(e.getMessage().contains(d.wireName()), d.wireName());
    }
    assertThrows(
        IllegalArgumentException.class, () -> SimulatorMain.parse(new String[] {"--dialect", ","}));
    assertThrows(IllegalArgumentException.class, () -> SimulatorConfig.builder().dialect("Gzip"));
  }

  @Test
  void theCommandLineSetsDialectsAndShowsThem() {
    SimulatorConfig c =
        SimulatorMain.parse(new String[] {"--dialect", "decimal-numbers,gzip", "--port", "0"});
    assertEquals(EnumSet.of(Dialect.DECIMAL_NUMBERS, Dialect.GZIP), c.dialects());
    assertTrue(c.toString().contains("dialects=[decimal-numbers, gzip]"), c.toString());
    assertEquals(Set.of(Dialect.STANDARD), SimulatorMain.parse(new String[0]).dialects());
  }

  @Test
  void helpListsEveryDialectWithItsDescription() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SimulatorMain.usage(new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("--dialect NAME[,NAME...]"), text);
    for (Dialect d : Dialect.values()) {
      Pattern line =
          Pattern.compile(
              "(?m)^ +"
                  + Pattern.quote(d.wireName())
                  + " +"
                  + Pattern.quote(d.description())
                  + "$");
      assertTrue(line.matcher(text).find(), d.wireName() + " in\n" + text);
    }
  }
}
