package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.config.ConfigurationException;
import org.junit.jupiter.api.Test;

/** The prompts each turn picks from: read once, with Gatling's CSV rules, and refused with a reason when unusable. */
class PromptsTest {
  @Test
  void theShippedPromptsAreRead() {
    assertTrue(ChatJourney.readPrompts(ChatJourney.PROMPTS_FEEDER).length >= 5);
  }

  @Test
  void quotedCellsKeepTheirCommasAndBlankPromptsAreDropped() {
    assertArrayEquals(new String[] {"Hello, world: a prompt with a comma", "Second one"},
        ChatJourney.readPrompts("prompts-tests/quoted.csv"));
  }

  @Test
  void quotesMayHoldLineBreaksAndDoubledQuotes() {
    assertArrayEquals(new String[] {"Say \"hi\"\nthen stop", "plain"}, ChatJourney.readPrompts("prompts-tests/multiline.csv"));
  }

  @Test
  void aFileWithoutThePromptColumnOrWithoutPromptsIsRefusedWithItsName() {
    var wrong = assertThrows(ConfigurationException.class, () -> ChatJourney.readPrompts("prompts-tests/wrong-column.csv"));
    assertTrue(wrong.getMessage().contains("prompts-tests/wrong-column.csv needs a column named 'prompt'"), wrong.getMessage());
    var empty = assertThrows(ConfigurationException.class, () -> ChatJourney.readPrompts("prompts-tests/empty.csv"));
    assertTrue(empty.getMessage().contains("prompts-tests/empty.csv has no prompt"), empty.getMessage());
    var missing = assertThrows(ConfigurationException.class, () -> ChatJourney.readPrompts("prompts-tests/none.csv"));
    assertTrue(missing.getMessage().contains("prompts-tests/none.csv is missing"), missing.getMessage());
  }
}
