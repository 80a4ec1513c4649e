package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.util.Random;
import java.util.Set;

/** The string-numbers and decimal-numbers dialects: other JSON forms of the numbers. */
final class NumberForms {
  private static final Set<String> COSTS = Set.of("cost_charged", "estimated_cost");
  private static final BigDecimal HALF = new BigDecimal("0.5");

  private NumberForms() {}

  static void strings(OutgoingResponse r, Random random) {
    JsonTrees.mapScalars(r.body(), (name, v) -> v.isNumber() ? TextNode.valueOf(v.asText()) : v);
  }

  static void decimals(OutgoingResponse r, Random random) {
    JsonTrees.mapScalars(
        r.body(),
        (name, v) -> {
          if (!v.isIntegralNumber()) {
            return v;
          }
          BigDecimal value = new BigDecimal(v.bigIntegerValue());
          // Credits read as a decimal amount: a charge may have a fraction.
          if (COSTS.contains(name) && value.signum() > 0) {
            value = value.add(HALF);
          }
          return random.nextInt(3) == 0 && value.signum() != 0
              ? Json.MAPPER.getNodeFactory().rawValueNode(new RawValue(exponent(value)))
              : new DecimalNode(value.setScale(Math.max(1, value.scale())));
        });
  }

  /**
   * Scientific notation with one digit before the point: 250 is {@code 2.5E2}, 45 is {@code 4.5E1}.
   */
  static String exponent(BigDecimal value) {
    BigDecimal v = value.abs().stripTrailingZeros();
    String digits = v.unscaledValue().toString();
    int exponent = v.precision() - v.scale() - 1;
    String rest = digits.substring(1);
    return (value.signum() < 0 ? "-" : "")
        + digits.charAt(0)
        + "."
        + (rest.isEmpty() ? "0" : rest)
        + "E"
        + exponent;
  }
}
