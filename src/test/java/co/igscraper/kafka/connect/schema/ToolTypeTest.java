package co.igscraper.kafka.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ToolTypeTest {

  @Test
  void apiNamesAreTheDocumentedToolTypes() {
    assertEquals(
        List.of(
            "followers",
            "following",
            "likers",
            "hashtag",
            "location",
            "single-post-likers",
            "emails",
            "phones"),
        Arrays.stream(ToolType.values()).map(ToolType::apiName).toList());
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void fromApiNameFindsEveryToolType(ToolType type) {
    assertEquals(Optional.of(type), ToolType.fromApiName(type.apiName()));
  }

  @Test
  void fromApiNameIsExactAndNullSafe() {
    assertEquals(Optional.empty(), ToolType.fromApiName(null));
    assertEquals(Optional.empty(), ToolType.fromApiName("FOLLOWERS"));
    assertEquals(Optional.empty(), ToolType.fromApiName("single_post_likers"));
    assertEquals(Optional.empty(), ToolType.fromApiName(" followers"));
  }

  @Test
  void profileEnrichmentIsRejectedOnlyForEmailsAndPhones() {
    for (ToolType type : ToolType.values()) {
      boolean contactTool = type == ToolType.EMAILS || type == ToolType.PHONES;
      assertEquals(!contactTool, type.supportsProfileEnrichment(), type.apiName());
      assertTrue(type.supportsCountryDateEnrichment(), type.apiName());
    }
  }

  @Test
  void avroNameReplacesDashes() {
    assertEquals("single_post_likers", ToolType.SINGLE_POST_LIKERS.avroName());
    assertFalse(ToolType.FOLLOWERS.avroName().contains("-"));
  }
}
